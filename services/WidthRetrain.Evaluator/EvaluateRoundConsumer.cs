using System.Diagnostics;
using MassTransit;
using WidthRetrain.Campaigns;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Evaluation;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Evaluator;

/// <summary>
/// Evaluates a trained round on the test set of every task of its sequence: one row of the accuracy matrix, the
/// losses, the functional drift of each earlier task since it was learned, and at the first task the accuracy of
/// the untrained model (the forward-transfer baseline). Every checkpoint is hash-checked before use.
/// </summary>
public sealed class EvaluateRoundConsumer(TaskCache cache, ComputeGate gate, CheckpointDirectory store, LearnedOutputs learned, IBus bus,
    HeartbeatSettings heartbeat, ServiceIdentity identity) : IConsumer<EvaluateRound>
{
    public async Task Consume(ConsumeContext<EvaluateRound> context)
    {
        MessageVersion.Require(context.Message, 1);
        RoundTrained m = context.Message.Trained;
        RoundEvaluated evaluated;
        await using (Heartbeat.Start(bus, heartbeat, m.Round, identity.Name, identity.Instance))
            evaluated = await gate.RunAsync(() => Evaluate(m), context.CancellationToken);
        await context.Publish(evaluated);
    }

    private RoundEvaluated Evaluate(RoundTrained m)
    {
        using TaskLease lease = cache.LeaseVerified(m.Tasks);
        // Timed from here: materialising the tasks in a cold process is data preparation, not evaluation.
        var clock = Stopwatch.StartNew();
        IReadOnlyList<TaskData> tasks = lease.Tasks;
        int k = m.Round.TaskIndex;
        MlpSpec spec = ContractMapping.ToMlpSpec(m.Arm, tasks[0].InputSize, lease.Classes);
        gate.UseThreadsFor(spec);
        using Mlp model = store.Load(m.Checkpoint, spec);
        // Forward passes: every task once, and once more for each earlier model run again for a drift (below).
        long samples = tasks.Sum(t => (long)t.TestCount);
        // The outputs of the model that had just learned task j, for the drift of tasks before this round's: kept from
        // that round's evaluation when it ran here, else that model is loaded and run again. The last task's outputs
        // are not kept: no later round of the chain asks for them.
        EvaluationRow row = ModelEvaluator.EvaluateOnTasks(model, tasks, k, j =>
        {
            if (j >= m.History.Count) return null;
            if (learned.Find(spec, m.History[j].Sha256, tasks[j].ContentHash) is { } kept) return kept;
            using Mlp then = store.Load(m.History[j], spec);
            samples += tasks[j].TestCount;
            return ModelEvaluator.Logits(then, tasks[j].TestX);
        }, (j, outputs) =>
        {
            if (j == k && k + 1 < m.Round.TaskCount) learned.Keep(spec, m.Checkpoint.Sha256, tasks[j].ContentHash, outputs);
        });
        double[]? baseline = null;
        if (m.Initial is not null)
        {
            using Mlp initial = store.Load(m.Initial, spec);
            baseline = tasks.Select(t => ModelEvaluator.Accuracy(initial, t.TestX, t.TestY)).ToArray();
            samples += tasks.Sum(t => (long)t.TestCount);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        string device = model.parameters().First().device.ToString();
        return new RoundEvaluated(m.Round, m.Arm, row.Accuracy, row.Loss, row.Drift, baseline, seconds,
            (double)ModelCost.ForwardFlopsPerSample(spec) * samples, device, m.Training);
    }
}
