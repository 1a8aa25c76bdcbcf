using Marten;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// `widthretrain resume ID`: continues a failed or interrupted campaign (an embedded run killed part-way included) from
/// the event store: what is recorded is not redone, what is pending is sent again, and the campaign is followed to its end.
/// </summary>
public sealed class ResumeCommand : AsyncCommand<ResumeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ResumeSettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        Guid id;
        CampaignSummary summary;
        using (host)
        {
            id = await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken);
            await using IQuerySession q = store.QuerySession();
            summary = await q.LoadAsync<CampaignSummary>(id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
        }
        if (summary.Status == CampaignStatus.Completed)
        {
            AnsiConsole.MarkupLineInterpolated($"Campaign {id} is already completed ({summary.RoundsDone} rounds); nothing to resume");
            return 0;
        }
        string from = summary.Status == CampaignStatus.Failed ? $"failed: {summary.FailureReason}" : "interrupted";
        return await CampaignSession.RunAsync(settings, id, new ResumeCampaign(id),
            $"[bold]Resuming campaign {id}[/] '{Markup.Escape(summary.Name)}' at {summary.RoundsDone}/{summary.RoundsTotal} rounds ({Markup.Escape(from)})", cancellationToken);
    }
}
