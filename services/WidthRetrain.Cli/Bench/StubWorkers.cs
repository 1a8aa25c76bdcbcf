using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// Workers that answer at once with made-up results (no tensors, no files): what is left of a campaign's wall time is
/// the planner, the bus and the event store alone. For `bench planner` only.
/// </summary>
public sealed class StubWorkers : IConsumer<GenerateTasks>, IConsumer<TrainRound>, IConsumer<EvaluateRound>, IConsumer<PriceRound>
{
    public Task Consume(ConsumeContext<GenerateTasks> context)
    {
        GenerateTasks m = context.Message;
        return context.Publish(new TasksReleased(m.CampaignId, [.. m.Seeds.Select(seed => new SeedTasks(seed,
            [.. Enumerable.Range(0, m.Drift.Tasks).Select(t => new TaskSpec(t, $"task {t}", m.Dataset, m.Drift, seed, 64, 16, "stub"))]))]));
    }

    public Task Consume(ConsumeContext<TrainRound> context)
    {
        TrainRound m = context.Message;
        var checkpoint = new CheckpointRef($"stub/{m.Round.RoundId:N}.ckpt", "stub");
        return context.Publish(new RoundTrained(m.Round, m.Arm, m.Tasks, checkpoint, m.Parent is null ? checkpoint : null, m.History,
            new TrainingFacts(0.001, "cpu", 64, 2, 1e5, 0, 0.5, 0.01, 1000, 2000, "stub")));
    }

    public Task Consume(ConsumeContext<EvaluateRound> context)
    {
        RoundTrained t = context.Message.Trained;
        double[] row = [.. Enumerable.Range(0, t.Round.TaskCount).Select(j => j <= t.Round.TaskIndex ? Math.Max(0.1, 0.9 - 0.005 * (t.Round.TaskIndex - j)) : 0.1)];
        return context.Publish(new RoundEvaluated(t.Round, t.Arm, row, [.. row.Select(a => 1 - a)], [.. row.Select(_ => (double?)null)],
            t.Round.TaskIndex == 0 ? [.. row.Select(_ => 0.1)] : null, 0.001, 1e4, "cpu", t.Training));
    }

    public Task Consume(ConsumeContext<PriceRound> context)
    {
        PriceRound m = context.Message;
        var cost = new RoundCost(1e-6, 1e-7, 0, 0, null, 1.1e-6, 1e-6, m.Prices.Currency);
        return context.Publish(new RoundCosted(m.Round, cost, m.PreviousCumulativeCost + cost.Total));
    }
}
