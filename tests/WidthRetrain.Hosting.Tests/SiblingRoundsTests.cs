using Microsoft.Extensions.Logging.Abstractions;
using WidthRetrain.Compute;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using WidthRetrain.Trainer;

namespace WidthRetrain.Hosting.Tests;

/// <summary>The trainer's grouping of held rounds, with its real task cache, compute thread and checkpoint store.</summary>
public sealed class SiblingRoundsTests : IDisposable
{
    private static readonly DatasetSpec Dataset = new("synthetic", 256, 64);
    // Enough samples that a group trains for longer than the tests' gaps and limits (a wait never exceeds that time).
    private static readonly DatasetSpec Larger = new("synthetic", 24576, 64);
    private static readonly DriftSpec Drift = new("rotation", 2);
    private static readonly ArmSpec Arm = new("w32", 32, 1, "relu", new TrainingSpec(LearningRate: 0.05, BatchSize: 32, EpochsPerTask: 2, ReplayPerTask: 20));
    private readonly string root = Path.Combine(Path.GetTempPath(), "widthretrain-tests", Guid.NewGuid().ToString("N"));
    private readonly ComputeOptions compute = new() { Threads = 2 };
    private readonly ComputeGate gate;
    private readonly TaskCache cache = new(new StorageOptions());
    private readonly CheckpointDirectory store;
    private readonly SiblingRounds siblings;

    public SiblingRoundsTests()
    {
        gate = new ComputeGate(compute);
        store = new CheckpointDirectory(new StorageOptions { CheckpointDirectory = root, MinimumFreeBytes = 0 });
        siblings = new SiblingRounds(cache, gate, store, compute, new ServiceIdentity("trainer", "t1"), NullLogger<SiblingRounds>.Instance);
    }

    public void Dispose()
    {
        gate.Dispose();
        cache.Dispose();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private IReadOnlyList<TaskSpec> TasksOf(long seed, DatasetSpec? dataset = null)
    {
        dataset ??= Dataset;
        using TaskLease lease = cache.Lease(dataset, Drift, seed);
        return lease.Tasks.Select(t => new TaskSpec(t.Index, t.Description, dataset, Drift, seed, t.TrainCount, t.TestCount, t.ContentHash)).ToArray();
    }

    private static TrainRound First(Guid campaign, long seed, IReadOnlyList<TaskSpec> tasks) =>
        new(new RoundRef(Guid.NewGuid(), campaign, 1, Arm.Name, Arm.Width, seed, 0, tasks.Count), Arm, tasks, null, []);

    /// <summary>The chain's round on the next task, as the planner sends it once <paramref name="trained"/> is recorded.</summary>
    private static TrainRound Next(TrainRound m, RoundTrained trained) => m with
    {
        Round = m.Round with { RoundId = Guid.NewGuid(), TaskIndex = m.Round.TaskIndex + 1 },
        Parent = trained.Checkpoint,
        History = [.. m.History, trained.Checkpoint],
    };

    /// <summary>Trains the first rounds of <paramref name="seeds"/> as one group (held while the compute thread is busy).</summary>
    private async Task<(TrainRound[] Firsts, RoundTrained[] Trained)> TrainFirstsTogether(Guid campaign, long[] seeds, DatasetSpec? dataset = null)
    {
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        var firsts = seeds.Select(s => First(campaign, s, TasksOf(s, dataset))).ToArray();
        var training = firsts.Select(m => siblings.Train(m, CancellationToken.None)).ToArray();
        release.Set();
        await busy;
        return (firsts, await Task.WhenAll(training));
    }

    [Fact]
    public async Task RoundsHeldWhileTheComputeThreadIsBusy_TrainTogether_EachExactlyAsAlone_AndABadOneFailsAlone()
    {
        var campaign = Guid.NewGuid();
        long[] seeds = [7, 8, 9];
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        var rounds = seeds.Select(s => First(campaign, s, TasksOf(s))).ToArray();
        // Same arm and task position, but a forged task record: it must fail on its own, not take its siblings down.
        TrainRound forged = First(campaign, 10, TasksOf(10).Select(t => t with { ContentHash = new string('0', 64) }).ToArray());
        var training = rounds.Append(forged).Select(m => siblings.Train(m, CancellationToken.None)).ToArray();
        release.Set();
        await busy;

        var e = await Assert.ThrowsAsync<PermanentFailureException>(() => training[^1]);
        Assert.Contains("content hash", e.Message);
        RoundTrained[] trained = await Task.WhenAll(training[..^1]);
        Assert.Equal(3, siblings.LargestGroup);

        var spec = new MlpSpec(784, 32, 1, 10);
        var settings = new TrainingSettings(LearningRate: 0.05, BatchSize: 32, EpochsPerTask: 2, ReplayPerTask: 20);
        for (int g = 0; g < seeds.Length; g++)
        {
            using TaskLease lease = cache.LeaseVerified(rounds[g].Tasks);
            using var alone = new ContinualLearner(spec, settings, seeds[g]);
            TaskTrainingStats stats = alone.TrainOn(lease.Tasks[0]);
            using Mlp grouped = store.Load(trained[g].Checkpoint, spec);
            for (int l = 0; l < grouped.Linears.Count; l++)
                Assert.True(alone.Model.Linears[l].weight!.eq(grouped.Linears[l].weight!).all().item<bool>(), $"seed {seeds[g]}: layer {l} differs from training alone");
            Assert.Equal(stats.MeanLoss, trained[g].Training.MeanLoss);
            Assert.Equal(stats.Samples, trained[g].Training.Samples);
            Assert.NotNull(trained[g].Initial);
        }
    }

    [Fact]
    public async Task FirstRounds_ArrivingMillisecondsApart_AtAnIdleComputeThread_StillTrainTogether()
    {
        // The planner sends a stage's first rounds together; the first must not start alone before the others arrive.
        var campaign = Guid.NewGuid();
        var firsts = new long[] { 1, 2, 3 }.Select(s => First(campaign, s, TasksOf(s))).ToArray();
        var training = new List<Task<RoundTrained>>();
        foreach (TrainRound m in firsts)
        {
            training.Add(siblings.Train(m, CancellationToken.None));
            await Task.Delay(10);
        }
        await Task.WhenAll(training);
        Assert.Equal(1, siblings.GroupsTrained);
        Assert.Equal(3, siblings.LargestGroup);
    }

    [Fact]
    public async Task NextTaskRounds_ArrivingApart_WaitForTheSiblingsTheyTrainedWith_AndStillMatchTrainingAlone()
    {
        var campaign = Guid.NewGuid();
        long[] seeds = [7, 8, 9];
        var (firsts, trained) = await TrainFirstsTogether(campaign, seeds, Larger);
        Assert.Equal(1, siblings.GroupsTrained);

        // Each chain's next round comes after its own evaluation and price: here 60 ms apart, well within the time the
        // group took to train (24,576 samples each, 2 epochs).
        var seconds = new List<Task<RoundTrained>>();
        for (int g = 0; g < seeds.Length; g++)
        {
            seconds.Add(siblings.Train(Next(firsts[g], trained[g]), CancellationToken.None));
            await Task.Delay(60);
        }
        RoundTrained[] next = await Task.WhenAll(seconds);
        Assert.Equal(2, siblings.GroupsTrained);
        Assert.Equal(3, siblings.LargestGroup);

        var spec = new MlpSpec(784, 32, 1, 10);
        var settings = new TrainingSettings(LearningRate: 0.05, BatchSize: 32, EpochsPerTask: 2, ReplayPerTask: 20);
        for (int g = 0; g < seeds.Length; g++)
        {
            using TaskLease lease = cache.LeaseVerified(firsts[g].Tasks);
            using var alone = new ContinualLearner(spec, settings, seeds[g]);
            alone.TrainOn(lease.Tasks[0]);
            alone.TrainOn(lease.Tasks[1]);
            using Mlp grouped = store.Load(next[g].Checkpoint, spec);
            for (int l = 0; l < grouped.Linears.Count; l++)
                Assert.True(alone.Model.Linears[l].weight!.eq(grouped.Linears[l].weight!).all().item<bool>(), $"seed {seeds[g]}: layer {l} differs from training alone");
        }
    }

    [Fact]
    public async Task AMissingSibling_IsWaitedFor_OnlyUpToTheLimit()
    {
        compute.GroupWaitMilliseconds = 300;
        var campaign = Guid.NewGuid();
        // Two seeds of 24,576 samples for 2 epochs each: the group trains for longer than the 300 ms limit.
        var (firsts, trained) = await TrainFirstsTogether(campaign, [1, 2], Larger);

        // Seed 2's next round never comes (its chain failed, say): seed 1's trains alone after the wait.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RoundTrained next = await siblings.Train(Next(firsts[0], trained[0]), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, next.Round.Seed);
        Assert.InRange(clock.ElapsedMilliseconds, 300, 30_000);
        Assert.Equal(2, siblings.GroupsTrained);
    }

    [Fact]
    public async Task AMissingSibling_IsWaitedFor_NoLongerThanTheGroupTookToTrain()
    {
        // A tiny group (256 samples for 2 epochs each) trains in milliseconds; waiting the 60 s setting for a sibling could never pay.
        compute.GroupWaitMilliseconds = 60_000;
        var campaign = Guid.NewGuid();
        var (firsts, trained) = await TrainFirstsTogether(campaign, [1, 2]);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        RoundTrained next = await siblings.Train(Next(firsts[0], trained[0]), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(50));
        Assert.Equal(1, next.Round.Seed);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 20_000);
        Assert.Equal(2, siblings.GroupsTrained);
    }

    [Fact]
    public async Task ARoundGivenUp_StopsWaiting_AndTheOthersStillTrain()
    {
        var campaign = Guid.NewGuid();
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        Task<RoundTrained> abandoned = siblings.Train(First(campaign, 1, TasksOf(1)), giveUp.Token);
        Task<RoundTrained> kept = siblings.Train(First(campaign, 2, TasksOf(2)), CancellationToken.None);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        release.Set();
        await busy;
        Assert.Equal(2, (await kept).Round.Seed);
        Assert.Equal(1, siblings.LargestGroup);
    }
}
