using Marten;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Dashboard.Reading;

/// <summary>Reads one campaign's <see cref="CampaignDetail"/> from the CampaignSummary read model and its recorded decisions.</summary>
public static class CampaignDetailReader
{
    public static async Task<CampaignDetail?> ReadAsync(IDocumentStore store, Guid id, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        CampaignSummary? s = await q.LoadAsync<CampaignSummary>(id, cancel);
        if (s is null) return null;
        InvestmentDecision? last = null;
        if (s.Decisions.Count > 0)
        {
            IReadOnlyList<DecisionMade> made = await q.Events.QueryRawEventDataOnly<DecisionMade>().Where(d => d.CampaignId == id).ToListAsync(cancel);
            last = made.MaxBy(d => d.Decision.Stage)?.Decision;
        }
        return new CampaignDetail(CampaignDirectory.Item(s, last), s.LastRound, s.DeviceSeconds, s.ProgressAt, s.Redrives, s.LastRedrive, s.Decisions);
    }
}
