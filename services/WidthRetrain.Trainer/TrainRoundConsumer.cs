using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.Trainer;

/// <summary>
/// Trains one round from its parent checkpoint and stores the result; rounds held at once train together
/// (<see cref="SiblingRounds"/>). Idempotent: the checkpoint path is fixed by the round's coordinates and a record of
/// the finished round is kept beside it, so a redelivered TrainRound republishes that record instead of training again.
/// </summary>
public sealed class TrainRoundConsumer(SiblingRounds siblings, CheckpointDirectory store, ServiceIdentity identity, IBus bus,
    HeartbeatSettings heartbeat, ILogger<TrainRoundConsumer> log) : IConsumer<TrainRound>
{
    public async Task Consume(ConsumeContext<TrainRound> context)
    {
        TrainRound m = context.Message;
        MessageVersion.Require(m, 1);
        string recordPath = CheckpointDirectory.RelativePath(m.Round, $"task-{m.Round.TaskIndex}.trained.json");
        RoundTrained? done = store.ReadRecord<RoundTrained>(recordPath);
        if (done is not null && File.Exists(store.FullPath(done.Checkpoint.Path)) && IsIntact(done.Checkpoint))
        {
            log.LogInformation("Round {Round} was already trained by {Worker}; republishing its record", SiblingRounds.Describe(m.Round), done.Training.Worker);
            await context.Publish(done);
            return;
        }
        RoundTrained trained;
        await using (Heartbeat.Start(bus, heartbeat, m.Round, identity.Name, identity.Instance))
            trained = await siblings.Train(m, context.CancellationToken);
        store.WriteRecord(recordPath, trained);
        log.LogInformation("Trained {Round} in {Seconds:0.0} s ({Samples} samples, loss {Loss:0.000})",
            SiblingRounds.Describe(m.Round), trained.Training.DeviceSeconds, trained.Training.Samples, trained.Training.MeanLoss);
        await context.Publish(trained);
    }

    private bool IsIntact(CheckpointRef c) =>
        string.Equals(Learning.Checkpoints.CheckpointStore.Sha256Of(store.FullPath(c.Path)), c.Sha256, StringComparison.OrdinalIgnoreCase);
}
