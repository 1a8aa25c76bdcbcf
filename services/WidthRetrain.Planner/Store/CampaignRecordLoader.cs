using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using WidthRetrain.Planner.Audit;

namespace WidthRetrain.Planner.Store;

/// <summary>Reads a campaign's record for the audit straight from the event tables (no read model is trusted).</summary>
public static class CampaignRecordLoader
{
    public static async Task<CampaignRecord?> LoadAsync(IDocumentStore store, Guid campaignId, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        IReadOnlyList<IEvent> events = await q.Events.FetchStreamAsync(campaignId, token: cancel);
        Dictionary<Guid, long> versions = await StreamVersionsAsync(store, [campaignId], cancel);
        if (events.Count == 0 && !versions.ContainsKey(campaignId)) return null;
        RecordedEvent[] campaign = [.. events.Select(ToRecorded)];
        Guid[] roundIds = [.. CampaignAudit.ImpliedRounds(campaign)];
        var rounds = new Dictionary<Guid, RoundRecord>();
        if (roundIds.Length > 0)
        {
            IReadOnlyList<IEvent> roundEvents = await q.Events.QueryAllRawEvents().Where(e => roundIds.Contains(e.StreamId)).ToListAsync(cancel);
            Dictionary<Guid, long> roundVersions = await StreamVersionsAsync(store, roundIds, cancel);
            Dictionary<Guid, object> asWritten = await AsWrittenAsync(store, roundEvents, cancel);
            var byRound = roundEvents.GroupBy(e => e.StreamId).ToDictionary(g => g.Key,
                g => g.OrderBy(e => e.Version).Select(e => ToRecorded(e) with { AsWritten = asWritten.GetValueOrDefault(e.Id) }).ToArray());
            foreach (Guid id in roundIds)
                rounds[id] = new RoundRecord(id, byRound.GetValueOrDefault(id) ?? [], roundVersions.TryGetValue(id, out long v) ? v : null);
        }
        return new CampaignRecord(campaignId, campaign, versions.TryGetValue(campaignId, out long cv) ? cv : null, rounds);
    }

    /// <summary>Ids of every campaign stream (the streams whose first event is CampaignStarted), oldest first.</summary>
    public static async Task<IReadOnlyList<Guid>> CampaignIdsAsync(IDocumentStore store, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        return await q.Events.QueryRawEventDataOnly<Contracts.Campaigns.CampaignStarted>().OrderBy(c => c.StartedAt).Select(c => c.CampaignId).ToListAsync(cancel);
    }

    public static RecordedEvent ToRecorded(IEvent e) => new(e.StreamId, e.Version, e.Sequence, e.Id, e.Data, e.CorrelationId, e.CausationId,
        e.Headers?.GetValueOrDefault(EventHash.HashHeader)?.ToString(), e.Headers?.GetValueOrDefault(EventHash.PreviousHeader)?.ToString());

    /// <summary>
    /// Events stored by an earlier version of their type are read upcast; their hashes cover what was written, so the
    /// audit reads those from the table as the earlier version's record.
    /// </summary>
    private static async Task<Dictionary<Guid, object>> AsWrittenAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken cancel)
    {
        Guid[] upcast = [.. events.Where(e => e.EventTypeName == Legacy.RoundCosted.EventTypeName).Select(e => e.Id)];
        var written = new Dictionary<Guid, object>();
        if (upcast.Length == 0) return written;
        await using NpgsqlConnection c = store.Storage.Database.CreateConnection();
        await c.OpenAsync(cancel);
        await using var cmd = new NpgsqlCommand($"SELECT id, data::text FROM {store.Options.Events.DatabaseSchemaName}.mt_events WHERE id = ANY(@ids)", c);
        cmd.Parameters.AddWithValue("ids", upcast);
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
            written[r.GetGuid(0)] = JsonSerializer.Deserialize<Legacy.RoundCosted>(r.GetString(1))
                                    ?? throw new InvalidDataException($"event {r.GetGuid(0)}: no data");
        return written;
    }

    /// <summary>The versions the stream table claims (a stream whose tail was deleted still claims its old version).</summary>
    private static async Task<Dictionary<Guid, long>> StreamVersionsAsync(IDocumentStore store, Guid[] ids, CancellationToken cancel)
    {
        await using NpgsqlConnection c = store.Storage.Database.CreateConnection();
        await c.OpenAsync(cancel);
        await using var cmd = new NpgsqlCommand($"SELECT id, version FROM {store.Options.Events.DatabaseSchemaName}.mt_streams WHERE id = ANY(@ids)", c);
        cmd.Parameters.AddWithValue("ids", ids);
        var versions = new Dictionary<Guid, long>();
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel)) versions[r.GetGuid(0)] = r.GetInt64(1);
        return versions;
    }
}
