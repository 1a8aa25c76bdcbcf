using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Tests.Deciding;

/// <summary>
/// The planner's deciders driven without any infrastructure: outcomes are applied to in-memory streams (folded as the
/// store folds them), messages are answered by made-up workers (<see cref="Records"/>) in order. What the consumers do,
/// minus PostgreSQL and RabbitMQ.
/// </summary>
public sealed class InMemoryPlanner
{
    public Dictionary<Guid, List<object>> Streams { get; } = [];
    public CampaignState? Campaign { get; private set; }
    public Dictionary<Guid, RoundState> Rounds { get; } = [];
    public List<object> Sent { get; } = [];

    public void Apply(PlannerOutcome outcome)
    {
        foreach (StreamAppend a in outcome.Appends)
        {
            if (a.StartsStream && Streams.ContainsKey(a.StreamId)) throw new InvalidOperationException($"stream {a.StreamId} started twice");
            if (!a.StartsStream && !Streams.ContainsKey(a.StreamId)) throw new InvalidOperationException($"append to missing stream {a.StreamId}");
            if (!Streams.TryGetValue(a.StreamId, out List<object>? events)) Streams[a.StreamId] = events = [];
            foreach (object e in a.Events)
            {
                events.Add(e);
                if (a.StreamId == Records.Campaign)
                {
                    if (e is CampaignStarted s) Campaign = CampaignState.Create(s);
                    else Records.Fold(Campaign!, e, events.Count);
                }
                else Rounds[a.StreamId] = Records.Fold(Rounds.GetValueOrDefault(a.StreamId), e);
            }
        }
        Sent.AddRange(outcome.Messages);
    }

    public IReadOnlyDictionary<Guid, RoundState> Known(IEnumerable<Guid> ids) =>
        ids.Where(Rounds.ContainsKey).ToDictionary(id => id, id => Rounds[id]);

    public IReadOnlyList<RoundCompleted> Completed => [.. Streams[Records.Campaign].OfType<RoundCompleted>()];

    /// <summary>The released tasks, read from their event as the shell reads them.</summary>
    public IReadOnlyList<SeedTasks>? Sequences => Campaign is { HasTasks: true } c ? ((TasksReleased)Streams[Records.Campaign][(int)c.TasksVersion - 1]).Sequences : null;

    public IReadOnlyList<Guid> EventIds(Guid round) => [.. Enumerable.Range(0, Streams[round].Count).Select(i => new Guid(i + 1, 0, 0, round.ToByteArray()[..8]))];

    /// <summary>Handles one message as the suite would (workers answer, the planner decides).</summary>
    public void Handle(object message)
    {
        switch (message)
        {
            case StartCampaign m:
                Apply(CampaignStartDecider.Decide(m, Campaign, Records.T0, new WidthRetrain.Campaigns.CampaignLimits()));
                break;
            case GenerateTasks m:
                Handle(Records.Tasks(Campaign!.Spec) with { CampaignId = m.CampaignId });
                break;
            case TasksReleased m:
                Apply(TasksReleasedDecider.Decide(m, Campaign, Known(Campaign is null ? [] : TasksReleasedDecider.RoundsToLoad(Campaign))));
                break;
            case TrainRound m:
                Handle(Records.Trained(m));
                break;
            case RoundTrained m:
                Apply(RoundTrainedDecider.Decide(m, Rounds.GetValueOrDefault(m.Round.RoundId), Campaign!.Status));
                break;
            case EvaluateRound m:
                Handle(Records.Evaluated(m));
                break;
            case RoundEvaluated m:
                {
                    RoundState? round = Rounds.GetValueOrDefault(m.Round.RoundId);
                    Guid? previous = round is null ? null : RoundEvaluatedDecider.PreviousRound(m.Round, round);
                    Apply(RoundEvaluatedDecider.Decide(m, round, previous is { } p ? Rounds.GetValueOrDefault(p) : null, Campaign));
                    break;
                }
            case PriceRound m:
                Handle(Records.Costed(m));
                break;
            case RoundCosted m:
                {
                    RoundState? round = Rounds.GetValueOrDefault(m.Round.RoundId);
                    var known = round is null ? new Dictionary<Guid, RoundState>() : Known(RoundCostedDecider.RoundsToLoad(round, Campaign!));
                    var recorded = round is not null && RoundCostedDecider.ConcludesStage(round, Campaign!) ? Completed : null;
                    var sequences = round is not null && RoundCostedDecider.NeedsTasks(round, Campaign!) ? Sequences : null;
                    Apply(RoundCostedDecider.Decide(m, round, round is null ? [] : EventIds(m.Round.RoundId), Campaign, known, recorded, sequences, Records.T0));
                    break;
                }
        }
    }

    /// <summary>Runs everything sent until nothing is left (commands answered at once, in order); returns how many messages were handled.</summary>
    public int RunToEnd(int limit = 100_000)
    {
        int handled = 0;
        while (Sent.Count > 0 && handled < limit)
        {
            object next = Sent[0];
            Sent.RemoveAt(0);
            Handle(next);
            handled++;
        }
        return handled;
    }
}
