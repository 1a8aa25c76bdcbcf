using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Report;

/// <summary>`widthretrain report ID`: a decision report a reviewer can read, as Markdown and HTML with PNG plots.</summary>
public sealed class ReportCommand : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        Guid id = await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken);
        CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
        CampaignHistory history = CampaignHistory.Of(record) ?? throw new ArgumentException($"ID: no campaign {id}");
        CampaignReport report = (await CampaignReader.ReadAsync(store, id, cancellationToken))!;
        if (report.Evidence.Count == 0) throw new ArgumentException($"ID: campaign {id} has no concluded stage yet; nothing to report");
        string folder = settings.Out ?? $"report-{id.ToString("N")[..8]}";
        CampaignAuditReport audit = CampaignAudit.Verify(record, CheckpointProbe.For(settings.CheckpointRoot));
        DecisionReportModel model = DecisionReportBuilder.Build(history, report, audit);
        IReadOnlyList<string> files = DecisionReport.Write(model, folder);
        if (JsonOutput.ToStdout(settings.Json))
        {
            JsonOutput.Write(settings.Json, ReportResult.Of(model, folder, files));
            return 0;
        }
        AnsiConsole.MarkupLineInterpolated($"Report of campaign {id} written to [blue]{folder}[/]: {string.Join(", ", files)}");
        if (!audit.Passed) AnsiConsole.MarkupLineInterpolated($"[red]warning[/]: the record does not verify ({audit.Findings[0]}); the report says so");
        AnsiConsole.MarkupLineInterpolated($"head hash: {audit.HeadHash ?? "-"} (keep it outside the database; `widthretrain verify {id} --head <hash>` checks it later)");
        JsonOutput.Write(settings.Json, ReportResult.Of(model, folder, files));
        return 0;
    }
}
