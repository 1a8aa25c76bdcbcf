using JasperFx.Events;
using Marten;
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
        return new PlannerUnitOfWork(session, campaignId);
    }

    public async Task<CampaignState?> CampaignForWritingAsync(CancellationToken cancel)
    {
        var stream = await session.Events.FetchForWriting<CampaignState>(campaignId, cancel);
        if (stream.Aggregate is null) return null;
        writable[campaignId] = events => stream.AppendMany(events);
        IEvent? last = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == campaignId).OrderByDescending(e => e.Version)
            .FirstOrDefaultAsync(cancel);
        heads[campaignId] = last is null ? new ChainHead(0, EventHash.Genesis(campaignId)) : new ChainHead(last.Version, HashOf(last));
        return stream.Aggregate;
    }

    /// <summary>The campaign's state, read only (no append to its stream may follow).</summary>
    public async Task<CampaignState?> CampaignAsync(CancellationToken cancel) => await session.Events.FetchLatest<CampaignState>(campaignId, cancel);

    public async Task<RoundState?> RoundForWritingAsync(Guid roundId, CancellationToken cancel)
    {
        var stream = await session.Events.FetchForWriting<RoundState>(roundId, cancel);
        if (stream.Aggregate is null) return null;
        writable[roundId] = events => stream.AppendMany(events);
        IReadOnlyList<IEvent> events = await session.Events.FetchStreamAsync(roundId, token: cancel);
        heads[roundId] = events.Count == 0 ? new ChainHead(0, EventHash.Genesis(roundId)) : new ChainHead(events[^1].Version, HashOf(events[^1]));
        roundEventIds[roundId] = [.. events.Select(e => e.Id)];
        return stream.Aggregate;
    }

    /// <summary>Round states by id, read only; ids without a stream are left out.</summary>
    public async Task<IReadOnlyDictionary<Guid, RoundState>> RoundsAsync(IEnumerable<Guid> ids, CancellationToken cancel)
    {
        Guid[] wanted = [.. ids.Distinct()];
        if (wanted.Length == 0) return new Dictionary<Guid, RoundState>();
        IReadOnlyList<RoundState> found = await session.LoadManyAsync<RoundState>(cancel, wanted);
        return found.ToDictionary(r => r.Id);
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

    /// <summary>The recorded hash of an event; an event without one breaks the chain (it was not written by the planner).</summary>
    public static string HashOf(IEvent e) => e.Headers?.GetValueOrDefault(EventHash.HashHeader)?.ToString() ?? ChainVerifier.Missing;

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
