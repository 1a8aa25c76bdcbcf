using Marten;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Dashboard.Rounds;

/// <summary>A round's stream: its read model and every event with its hashes (the same hashes `widthretrain verify` checks).</summary>
public sealed record RoundStream(RoundView Round, IReadOnlyList<RoundEvent> Events)
{
    /// <summary>Null when the round is not one of the campaign's.</summary>
    public static async Task<RoundStream?> ReadAsync(IDocumentStore store, Guid campaignId, Guid roundId, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        RoundView? view = await q.LoadAsync<RoundView>(roundId, cancel);
        if (view is null || view.CampaignId != campaignId) return null;
        var events = await q.Events.FetchStreamAsync(roundId, token: cancel);
        return new RoundStream(view, [.. events.Select(e =>
        {
            var r = CampaignRecordLoader.ToRecorded(e);
            return new RoundEvent(r.Version, r.Sequence, r.TypeName, e.Timestamp, r.Hash, r.Previous, r.Data);
        })]);
    }

    /// <summary>Every round of a campaign in the CLI's `show --rounds` order.</summary>
    public static async Task<IReadOnlyList<RoundView>> ListAsync(IDocumentStore store, Guid campaignId, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        return await q.Query<RoundView>().Where(r => r.CampaignId == campaignId)
            .OrderBy(r => r.Stage).ThenBy(r => r.Width).ThenBy(r => r.Seed).ThenBy(r => r.TaskIndex).ToListAsync(cancel);
    }
}
