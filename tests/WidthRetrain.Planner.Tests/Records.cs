using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Tests;

/// <summary>
/// Builds planner state the way the store does: by folding events through the aggregates' own Create and Apply methods.
/// Worker results are made up but consistent (accuracy rows, costs), so the deciders can run a campaign end to end in memory.
/// </summary>
public static class Records
{
    public static readonly Guid Campaign = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static CampaignSpec Spec(int[]? widths = null, long[]? seeds = null, int tasks = 2, InvestmentPolicy? policy = null) =>
        new("unit", new DatasetSpec("synthetic", 300, 100), new DriftSpec("rotation", tasks), widths ?? (policy is null ? [16, 32] : []), 1, "relu",
            new TrainingSpec(EpochsPerTask: 1), seeds ?? [1, 2], PriceBook.Default, Policy: policy);

    public static TasksReleased Tasks(CampaignSpec spec) => new(Campaign, [.. spec.Seeds.Select(seed => new SeedTasks(seed,
        [.. Enumerable.Range(0, spec.Drift.Tasks).Select(t => new TaskSpec(t, $"task {t}", spec.Dataset, spec.Drift, seed, 300, 100, $"hash-{seed}-{t}"))]))]);

    /// <summary>A campaign started, its tasks released and stage 1 started.</summary>
    public static CampaignState Running(CampaignSpec spec)
    {
        CampaignState c = CampaignState.Create(new CampaignStarted(Campaign, spec, T0));
        c.Apply(new JasperFx.Events.Event<TasksReleased>(Tasks(spec)) { Version = 2 });
        c.Apply(StagePlan.First(Campaign, spec));
        return c;
    }

    /// <param name="version">The event's version in the campaign stream (what the store gives the aggregate).</param>
    public static void Fold(CampaignState c, object e, long version = 0)
    {
        switch (e)
        {
            case TasksReleased x: c.Apply(new JasperFx.Events.Event<TasksReleased>(x) { Version = version }); break;
            case StageStarted x: c.Apply(x); break;
            case RoundCompleted x: c.Apply(x); break;
            case StageConcluded x: c.Apply(x); break;
            case CampaignCompleted x: c.Apply(x); break;
            case CampaignFailed x: c.Apply(x); break;
            case CampaignRedriven x: c.Apply(x); break;
            case CampaignResumed x: c.Apply(x); break;
        }
    }

    public static RoundState Fold(RoundState? r, object e)
    {
        if (e is RoundScheduled s) return RoundState.Create(s);
        switch (e)
        {
            case RoundTrained x: r!.Apply(x); break;
            case RoundEvaluated x: r!.Apply(x); break;
            case RoundCosted x: r!.Apply(x); break;
            case RoundFaulted x: r!.Apply(x); break;
        }
        return r!;
    }

    public static RoundState Scheduled(RoundRef round, ArmSpec arm, CheckpointRef? parent = null) =>
        RoundState.Create(new RoundScheduled(round, arm, parent, parent is null ? [] : [parent]));

    /// <summary>A trainer's record: the checkpoint path names the round, so chains can be followed.</summary>
    public static RoundTrained Trained(TrainRound m) => new(m.Round, m.Arm, m.Tasks, new CheckpointRef($"{m.Round.Arm}/seed-{m.Round.Seed}/task-{m.Round.TaskIndex}.ckpt", "sha"),
        m.Round.TaskIndex == 0 ? new CheckpointRef($"{m.Round.Arm}/seed-{m.Round.Seed}/initial.ckpt", "sha0") : null, m.History,
        new TrainingFacts(1.0, "cpu", 300, 10, 1e6, 1, 0.5, 0.01, 1000, 2000, "unit"));

    /// <summary>
    /// An evaluator's row: wider arms and the diagonal do better, so a staged policy has real (deterministic) evidence;
    /// seeds add a little spread.
    /// </summary>
    public static RoundEvaluated Evaluated(EvaluateRound m)
    {
        RoundRef r = m.Trained.Round;
        int t = r.TaskCount;
        double width = Math.Log2(r.Width);
        double[] row = [.. Enumerable.Range(0, t).Select(j =>
            j > r.TaskIndex ? 0.1 : Math.Clamp(0.9 - (r.TaskIndex - j) * (0.4 / width) - 0.01 * r.Seed, 0.1, 1))];
        return new RoundEvaluated(r, m.Trained.Arm, row, [.. row.Select(a => 1 - a)], [.. row.Select(_ => (double?)null)],
            r.TaskIndex == 0 ? [.. row.Select(_ => 0.1)] : null, 0.2, 1e5, "cpu", m.Trained.Training);
    }

    public static RoundCosted Costed(PriceRound m)
    {
        double cost = 1e-4 * m.Round.Width;
        return new RoundCosted(m.Round, new RoundCost(cost, cost / 10, 0, 0, null, cost * 1.1, 1e-6 * m.Round.Width, "USD"),
            m.PreviousCumulativeCost + cost * 1.1);
    }
}
