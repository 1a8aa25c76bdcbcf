using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Planner;
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
        await using var q = store.QuerySession();
        CampaignHistory history = await CampaignHistory.LoadAsync(q, id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
        CampaignReport report = (await CampaignReader.ReadAsync(store, id, cancellationToken))!;
        if (report.Evidence.Count == 0) throw new ArgumentException($"ID: campaign {id} has no concluded stage yet; nothing to report");
        string folder = settings.Out ?? $"report-{id.ToString("N")[..8]}";
        IReadOnlyList<string> files = DecisionReport.Write(history, report, folder);
        AnsiConsole.MarkupLineInterpolated($"Report of campaign {id} written to [blue]{folder}[/]: {string.Join(", ", files)}");
        return 0;
    }
}
