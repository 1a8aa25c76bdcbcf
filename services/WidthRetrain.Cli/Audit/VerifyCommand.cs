using Marten;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Audit;

/// <summary>
/// `widthretrain verify [ID]`: checks the record of one campaign or of every campaign (<see cref="CampaignAudit"/>):
/// hash chains, completeness, policies, decisions, checkpoints. Exit 3 when anything does not hold, naming the first bad event.
/// </summary>
public sealed class VerifyCommand : AsyncCommand<VerifySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerifySettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        IReadOnlyList<Guid> ids = settings.Id is null
            ? await CampaignRecordLoader.CampaignIdsAsync(store, cancellationToken)
            : [await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken)];
        if (settings.Head is not null && ids.Count != 1) throw new ArgumentException("--head: give it with one campaign ID");
        int failed = 0;
        foreach (Guid id in ids)
        {
            CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
            CampaignAuditReport report = CampaignAudit.Verify(record, CheckpointProbe.For(settings.CheckpointRoot), settings.Head);
            if (AuditPrinter.Verdict(report) != 0) failed++;
        }
        AnsiConsole.MarkupLineInterpolated($"{ids.Count} campaign(s) verified, {failed} failed");
        return failed == 0 ? 0 : AuditPrinter.AuditFailed;
    }
}
