using Marten;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Reads campaigns from the event store's read models.</summary>
public static class CampaignReader
{
    public static async Task<CampaignReport?> ReadAsync(IDocumentStore store, Guid id, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        CampaignSummary? summary = await q.LoadAsync<CampaignSummary>(id, cancel);
        if (summary is null) return null;
        WidthCurve? curve = await q.LoadAsync<WidthCurve>(id, cancel);
        IReadOnlyList<RoundView> rounds = await q.Query<RoundView>().Where(r => r.CampaignId == id)
            .OrderBy(r => r.Stage).ThenBy(r => r.Width).ThenBy(r => r.Seed).ThenBy(r => r.TaskIndex).ToListAsync(cancel);
        return new CampaignReport(summary, curve?.Points ?? [], rounds);
    }

    /// <summary>An id, or an unambiguous prefix of one (as printed by `campaigns`).</summary>
    public static async Task<Guid> ResolveAsync(IDocumentStore store, string idOrPrefix, CancellationToken cancel)
    {
        if (Guid.TryParse(idOrPrefix, out Guid id)) return id;
        await using IQuerySession q = store.QuerySession();
        var all = await q.Query<CampaignSummary>().Select(s => s.Id).ToListAsync(cancel);
        var matches = all.Where(g => g.ToString("N").StartsWith(idOrPrefix.Replace("-", ""), StringComparison.OrdinalIgnoreCase)).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"ID: no campaign matches '{idOrPrefix}'; `widthretrain campaigns` lists them"),
            _ => throw new ArgumentException($"ID: '{idOrPrefix}' matches {matches.Length} campaigns; give more characters"),
        };
    }
}
