using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Store;

/// <summary>
/// The imperative shell around a planner decision: loads what the decider needs (streams fetched for writing with
/// optimistic concurrency, round states read-only), then appends the decided events in one transaction. Every
/// appended event is hash-chained to its stream's previous event (<see cref="EventHash"/>); a RoundCompleted is
/// sealed with the head of its round stream and the ids of the round events it copies.
/// </summary>
public sealed class PlannerUnitOfWork : IAsyncDisposable
{
    private readonly IDocumentSession session;
    private readonly Guid campaignId;
    private readonly Dictionary<Guid, Action<object[]>> writable = [];
    private readonly Dictionary<Guid, ChainHead> heads = [];
    private readonly Dictionary<Guid, IReadOnlyList<Guid>> roundEventIds = [];
    private readonly Dictionary<Guid, RoundState?> roundsForWriting = [];
    private readonly Dictionary<Guid, RoundState?> roundsRead = [];
    private (bool Fetched, CampaignState? State) campaignForWriting;
    private (bool Fetched, CampaignState? State) campaignRead;

    private PlannerUnitOfWork(IDocumentSession session, Guid campaignId)
    {
        this.session = session;
        this.campaignId = campaignId;
    }

    /// <summary>A session whose every event carries the campaign (correlation id) and the message that caused it (causation id).</summary>
    public static PlannerUnitOfWork Open(IDocumentStore store, Guid campaignId, Guid? causationId, string? messageType)
    {
        IDocumentSession session = store.LightweightSession();
        session.CorrelationId = campaignId.ToString("D");
        session.CausationId = causationId?.ToString("D");
        if (messageType is not null) session.SetHeader("message-type", messageType);
        // What is read before deciding stays in this session's identity map, so the inline projections applied at
        // commit find their documents there instead of loading them again (the aggregates are kept there by Marten:
        // UseIdentityMapForAggregates). A session lives for one attempt at one message: a retry reads afresh.
        session.UseIdentityMapFor<RoundState>();
        session.UseIdentityMapFor<CampaignState>();
        session.UseIdentityMapFor<RoundView>();
        session.UseIdentityMapFor<CampaignSummary>();
        return new PlannerUnitOfWork(session, campaignId);
    }

    /// <summary>
    /// Reads in one round trip what a decision needs: a round stream fetched for writing (its state, its events for the
    /// chain head, its read model for the inline projection), the campaign fetched for writing (state, chain head,
    /// summary) or read only, and round states read only (ids without a stream are remembered as absent). The
    /// accessors below then answer from what was read; what was not read is loaded when asked for.
    /// </summary>
    public async Task ReadAsync(Guid? roundForWriting, CampaignAccess campaign, IEnumerable<Guid> rounds, CancellationToken cancel)
    {
        IBatchedQuery batch = session.CreateBatchQuery();
        Task<IEventStream<RoundState>>? roundStream = null;
        Task<IReadOnlyList<IEvent>>? roundEvents = null;
        if (roundForWriting is { } roundId && !roundsForWriting.ContainsKey(roundId))
        {
            roundStream = batch.Events.FetchForWriting<RoundState>(roundId);
            roundEvents = batch.Events.FetchStream(roundId);
            _ = batch.Load<RoundView>(roundId);
        }
        Task<IEventStream<CampaignState>>? campaignStream = null;
        Task<IReadOnlyList<string>>? campaignHead = null;
        Task<CampaignState?>? campaignLatest = null;
        if (campaign == CampaignAccess.Write && !campaignForWriting.Fetched)
        {
            campaignStream = batch.Events.FetchForWriting<CampaignState>(campaignId);
            campaignHead = batch.Query<string>(
                $"select jsonb_build_array(version, headers -> '{EventHash.HashHeader}')::text from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events " +
                "where stream_id = ? and is_archived = false order by version desc limit 1", campaignId);
            _ = batch.Load<CampaignSummary>(campaignId);
        }
        else if (campaign == CampaignAccess.Read && !campaignRead.Fetched && !campaignForWriting.Fetched)
        {
            campaignLatest = batch.Events.FetchLatest<CampaignState>(campaignId);
        }
        Guid[] wanted = [.. rounds.Distinct().Where(id => id != roundForWriting && !roundsRead.ContainsKey(id) && !roundsForWriting.ContainsKey(id))];
        Task<IReadOnlyList<RoundState>>? loaded = wanted.Length > 0 ? batch.LoadMany<RoundState>().ById(wanted) : null;
        if (roundStream is null && campaignStream is null && campaignLatest is null && loaded is null) return;
        await batch.Execute(cancel);

        if (roundStream is not null)
        {
            IEventStream<RoundState> stream = await roundStream;
            Guid id = roundForWriting!.Value;
            roundsForWriting[id] = stream.Aggregate;
            if (stream.Aggregate is not null)
            {
                writable[id] = events => stream.AppendMany(events);
                IReadOnlyList<IEvent> events = await roundEvents!;
                heads[id] = events.Count == 0 ? new ChainHead(0, EventHash.Genesis(id)) : new ChainHead(events[^1].Version, HashOf(events[^1]));
                roundEventIds[id] = [.. events.Select(e => e.Id)];
            }
        }
        if (campaignStream is not null)
        {
            IEventStream<CampaignState> stream = await campaignStream;
            campaignForWriting = (true, stream.Aggregate);
            if (stream.Aggregate is not null)
            {
                writable[campaignId] = events => stream.AppendMany(events);
                heads[campaignId] = (await campaignHead!).FirstOrDefault() is { } head ? ParseHead(head) : new ChainHead(0, EventHash.Genesis(campaignId));
            }
        }
        if (campaignLatest is not null) campaignRead = (true, await campaignLatest);
        if (loaded is not null)
        {
            Dictionary<Guid, RoundState> found = (await loaded).ToDictionary(r => r.Id);
            foreach (Guid id in wanted) roundsRead[id] = found.GetValueOrDefault(id);
        }
    }

    public async Task<CampaignState?> CampaignForWritingAsync(CancellationToken cancel)
    {
        await ReadAsync(null, CampaignAccess.Write, [], cancel);
        return campaignForWriting.State;
    }

    /// <summary>The campaign's state, read only (no append to its stream may follow).</summary>
    public async Task<CampaignState?> CampaignAsync(CancellationToken cancel)
    {
        if (campaignForWriting.Fetched) return campaignForWriting.State;
        await ReadAsync(null, CampaignAccess.Read, [], cancel);
        return campaignRead.State;
    }

    public async Task<RoundState?> RoundForWritingAsync(Guid roundId, CancellationToken cancel)
    {
        await ReadAsync(roundId, CampaignAccess.None, [], cancel);
        return roundsForWriting[roundId];
    }

    /// <summary>Round states by id, read only; ids without a stream are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, RoundState>> RoundsAsync(IEnumerable<Guid> ids, CancellationToken cancel)
    {
        Guid[] wanted = [.. ids.Distinct()];
        await ReadAsync(null, CampaignAccess.None, wanted, cancel);
        var found = new Dictionary<Guid, RoundState>();
        foreach (Guid id in wanted)
            if ((roundsRead.TryGetValue(id, out RoundState? r) ? r : roundsForWriting.GetValueOrDefault(id)) is { } state) found[id] = state;
        return found;
    }

    /// <summary>The campaign's rounds that are scheduled but not yet costed.</summary>
    public async Task<IReadOnlyList<RoundState>> PendingRoundsAsync(CancellationToken cancel)
    {
        IReadOnlyList<Guid> ids = await session.Query<RoundView>().Where(r => r.CampaignId == campaignId && r.Status != RoundView.Costed)
            .Select(r => r.Id).ToListAsync(cancel);
        return [.. (await RoundsAsync(ids, cancel)).Values];
    }

    /// <summary>When the campaign last advanced: its latest recorded step, or its workers' latest heartbeat.</summary>
    public async Task<DateTimeOffset> LastProgressAsync(CancellationToken cancel)
    {
        CampaignSummary? summary = await session.LoadAsync<CampaignSummary>(campaignId, cancel);
        IReadOnlyList<DateTimeOffset> rounds = await session.Query<RoundView>().Where(r => r.CampaignId == campaignId)
            .OrderByDescending(r => r.UpdatedAt).Select(r => r.UpdatedAt).Take(1).ToListAsync(cancel);
        CampaignActivity? activity = await session.LoadAsync<CampaignActivity>(campaignId, cancel);
        return new[] { summary?.ProgressAt ?? DateTimeOffset.MinValue, rounds.Count == 0 ? DateTimeOffset.MinValue : rounds[0],
            activity?.LastHeartbeatAt ?? DateTimeOffset.MinValue }.Max();
    }

    /// <summary>The campaign's released task specs, read from their event (a point read by version), or null before release.</summary>
    public async Task<IReadOnlyList<SeedTasks>?> SequencesAsync(CampaignState campaign, CancellationToken cancel)
    {
        if (!campaign.HasTasks) return null;
        IReadOnlyList<IEvent> e = await session.Events.FetchStreamAsync(campaignId, version: campaign.TasksVersion, fromVersion: campaign.TasksVersion, token: cancel);
        return e.Count == 1 && e[0].Data is TasksReleased released ? released.Sequences
            : throw new InvalidOperationException($"campaign {campaignId}: event {campaign.TasksVersion} is not its TasksReleased");
    }

    /// <summary>Every RoundCompleted recorded on the campaign stream (read once per stage conclusion, not per round).</summary>
    public async Task<IReadOnlyList<RoundCompleted>> CampaignRoundsAsync(CancellationToken cancel) =>
        [.. (await session.Events.FetchStreamAsync(campaignId, token: cancel)).Select(e => e.Data).OfType<RoundCompleted>()];

    /// <summary>Appends the outcome's events, chained (a RoundCompleted sealed with its round stream's head), and commits them in one transaction.</summary>
    public async Task CommitAsync(PlannerOutcome outcome, CancellationToken cancel)
    {
        if (outcome.AppendsNothing) return;
        foreach (StreamAppend append in outcome.Appends)
        {
            object[] events = [.. append.Events.Select(Seal)];
            if (append.StartsStream)
            {
                heads[append.StreamId] = new ChainHead(0, EventHash.Genesis(append.StreamId));
                object[] chained = Chain(append.StreamId, events);
                if (append.StreamId == campaignId) session.Events.StartStream<CampaignState>(append.StreamId, chained);
                else session.Events.StartStream<RoundState>(append.StreamId, chained);
                writable[append.StreamId] = more => session.Events.Append(append.StreamId, more);
            }
            else
            {
                if (!writable.TryGetValue(append.StreamId, out Action<object[]>? appendTo))
                    throw new InvalidOperationException($"stream {append.StreamId} was not fetched for writing before its events were decided");
                appendTo(Chain(append.StreamId, events));
            }
        }
        await session.SaveChangesAsync(cancel);
    }

    /// <summary>The ids of a round's events as fetched for writing (before this unit of work's appends).</summary>
    public IReadOnlyList<Guid> RoundEventIds(Guid roundId) => roundEventIds.GetValueOrDefault(roundId) ?? [];

    private object Seal(object data) => data is RoundCompleted { RoundHeadHash: null } rc && heads.TryGetValue(rc.Round.RoundId, out ChainHead? head)
        ? rc with { RoundHeadHash = head.Hash, RoundVersion = head.Version }
        : data;

    private object[] Chain(Guid streamId, object[] events)
    {
        ChainHead head = heads[streamId];
        var chained = new object[events.Length];
        for (int i = 0; i < events.Length; i++)
        {
            long version = head.Version + 1;
            string hash = EventHash.Of(streamId, version, events[i], session.CorrelationId, session.CausationId, head.Hash);
            IEvent e = session.Events.BuildEvent(events[i]);
            e.SetHeader(EventHash.PreviousHeader, head.Hash);
            e.SetHeader(EventHash.HashHeader, hash);
            chained[i] = e;
            head = new ChainHead(version, hash);
        }
        heads[streamId] = head;
        return chained;
    }

    /// <summary>[version, hash header] of the stream's last event, as the campaign head query returns it; read as <see cref="HashOf"/> reads an event.</summary>
    private static ChainHead ParseHead(string head)
    {
        using var json = System.Text.Json.JsonDocument.Parse(head);
        System.Text.Json.JsonElement hash = json.RootElement[1];
        return new ChainHead(json.RootElement[0].GetInt64(), hash.ValueKind == System.Text.Json.JsonValueKind.Null ? ChainVerifier.Missing : hash.ToString());
    }

    /// <summary>The recorded hash of an event; an event without one breaks the chain (it was not written by the planner).</summary>
    public static string HashOf(IEvent e) => e.Headers?.GetValueOrDefault(EventHash.HashHeader)?.ToString() ?? ChainVerifier.Missing;

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
