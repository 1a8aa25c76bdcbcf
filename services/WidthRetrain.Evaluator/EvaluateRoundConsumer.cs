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
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Evaluator;

/// <summary>
/// Evaluates a trained round on the test set of every task of its sequence: one row of the accuracy matrix, the
/// losses, the functional drift of each earlier task since it was learned, and at the first task the accuracy of
/// the untrained model (the forward-transfer baseline). Every checkpoint is hash-checked before use.
/// </summary>
public sealed class EvaluateRoundConsumer(TaskCache cache, ComputeGate gate, CheckpointDirectory store, IBus bus, HeartbeatSettings heartbeat,
    ServiceIdentity identity) : IConsumer<EvaluateRound>
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
        using Mlp model = store.Load(m.Checkpoint, spec);
        var accuracy = new double[tasks.Count];
        var loss = new double[tasks.Count];
        var drift = new double?[tasks.Count];
        long samples = 0;
        for (int j = 0; j < tasks.Count; j++)
        {
            using var scope = NewDisposeScope();
            Tensor logits = ModelEvaluator.Logits(model, tasks[j].TestX);
            accuracy[j] = ModelEvaluator.Accuracy(logits, tasks[j].TestY);
            loss[j] = F.cross_entropy(logits, tasks[j].TestY).item<float>();
            samples += tasks[j].TestCount;
            if (j < k && j < m.History.Count)
            {
                using Mlp then = store.Load(m.History[j], spec);
                drift[j] = ModelEvaluator.FunctionalDrift(ModelEvaluator.Logits(then, tasks[j].TestX), logits);
                samples += tasks[j].TestCount;
            }
        }
        double[]? baseline = null;
        if (m.Initial is not null)
        {
            using Mlp initial = store.Load(m.Initial, spec);
            baseline = tasks.Select(t => ModelEvaluator.Accuracy(initial, t.TestX, t.TestY)).ToArray();
            samples += tasks.Sum(t => (long)t.TestCount);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        string device = model.parameters().First().device.ToString();
        return new RoundEvaluated(m.Round, m.Arm, accuracy, loss, drift, baseline, seconds,
            (double)ModelCost.ForwardFlopsPerSample(spec) * samples, device, m.Training);
    }
}
