using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// The command each step of a round needs, rebuilt from the record alone (the round stream and the campaign's task
/// specs): what the planner sends the first time, and again when the step did not advance.
/// </summary>
public static class RoundCommands
{
    public static TrainRound Train(RoundState round, IReadOnlyList<SeedTasks> sequences) =>
        new(round.Round, round.Arm, TasksOf(sequences, round.Round.Seed), round.Parent, round.History);

    public static IReadOnlyList<TaskSpec> TasksOf(IReadOnlyList<SeedTasks> sequences, long seed) =>
        sequences.FirstOrDefault(s => s.Seed == seed)?.Tasks ?? throw new InvalidOperationException($"no tasks released for seed {seed}");

    public static EvaluateRound Evaluate(RoundState round) =>
        new(round.Trained ?? throw new InvalidOperationException($"round {round.Id} is not trained"));

    public static PriceRound Price(RoundEvaluated evaluated, ArmSpec arm, CampaignState campaign, double previousCumulativeCost) =>
        new(evaluated.Round, arm, evaluated.Training, evaluated.EvalDeviceSeconds, evaluated.Device, campaign.Spec.Prices, previousCumulativeCost);

    /// <summary>The schedule of the round after <paramref name="round"/> in its arm and seed's chain (null after the last task).</summary>
    public static RoundScheduled? ScheduleNext(RoundState round, RoundTrained trained)
    {
        if (round.Round.TaskIndex + 1 >= round.Round.TaskCount) return null;
        return new RoundScheduled(RoundIds.Next(round.Round, round.Arm), round.Arm, trained.Checkpoint, [.. round.History, trained.Checkpoint]);
    }

    /// <summary>The first round of every arm and seed of a stage (the spec's seeds and task count: the released tasks match them).</summary>
    public static IReadOnlyList<RoundScheduled> FirstRounds(StageStarted stage, CampaignSpec spec) =>
        [.. stage.Arms.SelectMany(arm => spec.Seeds.Select(seed =>
            new RoundScheduled(RoundIds.Ref(stage.CampaignId, stage.Stage, arm, seed, 0, spec.Drift.Tasks), arm, null, [])))];

    /// <summary>
    /// The commands that move pending rounds on: each round's next step. A round waiting to be priced needs the
    /// cumulative cost of the round before it (<paramref name="lookup"/>); when that is not recorded the round is skipped.
    /// </summary>
    public static IReadOnlyList<object> Pending(CampaignState campaign, IReadOnlyList<SeedTasks> sequences, IEnumerable<RoundState> pending,
        Func<Guid, RoundState?> lookup)
    {
        var commands = new List<object>();
        foreach (RoundState r in pending.OrderBy(r => r.Round.Stage).ThenBy(r => r.Round.Arm, StringComparer.Ordinal)
                     .ThenBy(r => r.Round.Seed).ThenBy(r => r.Round.TaskIndex))
        {
            switch (r.Pending)
            {
                case RoundStep.Train:
                    commands.Add(Train(r, sequences));
                    break;
                case RoundStep.Evaluate:
                    commands.Add(Evaluate(r));
                    break;
                case RoundStep.Price:
                    double? previous = r.Round.TaskIndex == 0 ? 0 : lookup(RoundIds.Previous(r.Round, r.Arm).RoundId)?.Costed?.CumulativeCost;
                    if (previous is { } p) commands.Add(Price(r.Evaluated!, r.Arm, campaign, p));
                    break;
            }
        }
        return commands;
    }

    /// <summary>The rounds whose state <see cref="Pending"/> may look up: the predecessors of rounds waiting to be priced.</summary>
    public static IEnumerable<Guid> PredecessorsOf(IEnumerable<RoundState> pending) =>
        pending.Where(r => r.Pending == RoundStep.Price && r.Round.TaskIndex > 0).Select(r => RoundIds.Previous(r.Round, r.Arm).RoundId);

    public static string Describe(RoundRef r) => $"{r.Arm} seed {r.Seed} task {r.TaskIndex + 1}/{r.TaskCount} (stage {r.Stage})";

    /// <summary>The service that performs a step, as users see it in logs and failures.</summary>
    public static string ServiceOf(RoundStep step) => step switch
    {
        RoundStep.Train => "trainer",
        RoundStep.Evaluate => "evaluator",
        _ => "cost-accountant",
    };
}
