using Marten;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Dashboard.Reading;

/// <summary>The campaigns list: the CampaignSummary read model, and each campaign's last recorded decision for its chosen width.</summary>
public static class CampaignDirectory
{
    public static async Task<IReadOnlyList<CampaignListItem>> ListAsync(IDocumentStore store, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        IReadOnlyList<CampaignSummary> summaries = await q.Query<CampaignSummary>().OrderByDescending(c => c.StartedAt).ToListAsync(cancel);
        // One query for every campaign's decisions rather than one stream read per campaign.
        IReadOnlyList<DecisionMade> decisions = await q.Events.QueryRawEventDataOnly<DecisionMade>().ToListAsync(cancel);
        var last = decisions.GroupBy(d => d.CampaignId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Decision.Stage)!.Decision);
        return [.. summaries.Select(s => Item(s, last.GetValueOrDefault(s.Id)))];
    }

    public static CampaignListItem Item(CampaignSummary s, InvestmentDecision? lastDecision)
    {
        (int? width, string chosen) = Chosen(s, lastDecision);
        return new CampaignListItem(s.Id, s.Name, s.Status.Text(), s.RoundsDone, s.RoundsTotal, s.RoundsTotal == 0 ? 0 : (double)s.RoundsDone / s.RoundsTotal,
            s.Stage, s.StartedAt, s.FinishedAt, width, chosen, s.Dataset, s.Scenario, s.Tasks, s.Widths, s.Seeds, s.TotalCost, s.Currency, s.Policy,
            s.FailureReason);
    }

    /// <summary>As the decision report names it: the last decision's incumbent, with its lever when the lever was kept.</summary>
    private static (int? Width, string Chosen) Chosen(CampaignSummary s, InvestmentDecision? d)
    {
        if (s.Policy is null) return (null, "fixed widths: no investment decision");
        if (d is null) return (null, s.IsFinished ? "no decision recorded" : "no decision yet");
        if (!s.IsFinished) return (null, $"running; last: {DecisionText.Step(d)}");
        return (d.IncumbentWidth, d.Action == DecisionAction.KeepLever && d.Lever is not null ? StagePlan.ArmName(d.IncumbentWidth, d.Lever) : StagePlan.ArmName(d.IncumbentWidth));
    }
}
