using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Campaigns;
using WidthRetrain.Compute;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Trainer;

/// <summary>
/// Trains one round from its parent checkpoint and stores the result. Idempotent: the checkpoint path is fixed by
/// the round's coordinates and a record of the finished round is kept beside it, so a redelivered TrainRound
/// republishes that record instead of training again.
/// </summary>
public sealed class TrainRoundConsumer(TaskCache cache, ComputeGate gate, CheckpointDirectory store, ComputeOptions compute, ServiceIdentity identity,
    IBus bus, HeartbeatSettings heartbeat, ILogger<TrainRoundConsumer> log) : IConsumer<TrainRound>
{
    public async Task Consume(ConsumeContext<TrainRound> context)
    {
        TrainRound m = context.Message;
        MessageVersion.Require(m, 1);
        string recordPath = CheckpointDirectory.RelativePath(m.Round, $"task-{m.Round.TaskIndex}.trained.json");
        RoundTrained? done = store.ReadRecord<RoundTrained>(recordPath);
        if (done is not null && File.Exists(store.FullPath(done.Checkpoint.Path)) && IsIntact(done.Checkpoint))
        {
            log.LogInformation("Round {Round} was already trained by {Worker}; republishing its record", Describe(m.Round), done.Training.Worker);
            await context.Publish(done);
            return;
        }
        RoundTrained trained;
        await using (Heartbeat.Start(bus, heartbeat, m.Round, identity.Name, identity.Instance))
            trained = await gate.RunAsync(() => Train(m, context.CancellationToken), context.CancellationToken);
        store.WriteRecord(recordPath, trained);
        log.LogInformation("Trained {Round} in {Seconds:0.0} s ({Samples} samples, loss {Loss:0.000})",
            Describe(m.Round), trained.Training.DeviceSeconds, trained.Training.Samples, trained.Training.MeanLoss);
        await context.Publish(trained);
    }

    // Synchronous on one thread: TorchSharp's dispose scopes are thread-static.
    private RoundTrained Train(TrainRound m, CancellationToken cancel)
    {
        using TaskLease lease = cache.LeaseVerified(m.Tasks);
        int k = m.Round.TaskIndex;
        var task = lease.Tasks[k];
        MlpSpec spec = ContractMapping.ToMlpSpec(m.Arm, task.InputSize, lease.Classes);
        TrainingSettings settings = ContractMapping.ToTrainingSettings(m.Arm.Training);
        // Float32 weights; the first round also keeps the untrained model. Checked before any compute is spent.
        store.EnsureRoomFor(ModelCost.Parameters(spec) * sizeof(float) * (k == 0 ? 2 : 1));
        var device = TorchRuntime.ResolveDevice(compute.Device);
        CheckpointRef? initial = null;
        ContinualLearner learner;
        if (m.Parent is null)
        {
            if (k != 0) throw new PermanentFailureException($"round {Describe(m.Round)} has no parent checkpoint but is not the first task");
            learner = new ContinualLearner(spec, settings, m.Round.Seed, device);
            initial = store.Save(learner.Model, CheckpointDirectory.RelativePath(m.Round, "initial.ckpt"));
        }
        else
        {
            learner = ContinualLearner.Resume(store.Load(m.Parent, spec), settings, m.Round.Seed, lease.Tasks.Take(k), device);
        }
        using (learner)
        {
            TaskTrainingStats stats = learner.TrainOn(task, cancel: cancel);
            CheckpointRef checkpoint = store.Save(learner.Model, CheckpointDirectory.RelativePath(m.Round, $"task-{k}.ckpt"));
            var facts = new TrainingFacts(stats.Seconds, device.ToString(), stats.Samples, stats.Steps, stats.Flops,
                Process.GetCurrentProcess().PeakWorkingSet64, stats.MeanLoss, stats.LearningRate, ModelCost.Parameters(spec),
                ModelCost.ForwardFlopsPerSample(spec), identity.Instance);
            return new RoundTrained(m.Round, m.Arm, m.Tasks, checkpoint, initial, m.History, facts);
        }
    }

    private bool IsIntact(CheckpointRef c) =>
        string.Equals(Learning.Checkpoints.CheckpointStore.Sha256Of(store.FullPath(c.Path)), c.Sha256, StringComparison.OrdinalIgnoreCase);

    private static string Describe(RoundRef r) => $"{r.Arm} seed {r.Seed} task {r.TaskIndex + 1}/{r.TaskCount}";
}
