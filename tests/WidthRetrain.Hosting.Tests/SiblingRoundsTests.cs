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
    // The arm's model and training, as a learner outside the trainer takes them.
    private static readonly MlpSpec Spec = new(784, 32, 1, 10);
    private static readonly TrainingSettings Settings = new(LearningRate: 0.05, BatchSize: 32, EpochsPerTask: 2, ReplayPerTask: 20);
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

    /// <summary>Hands <paramref name="rounds"/> to the trainer while the compute thread is busy, then frees it: they are held together.</summary>
    private async Task<Task<RoundTrained>[]> TrainHeldTogether(IEnumerable<TrainRound> rounds)
    {
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        var training = rounds.Select(m => siblings.Train(m, CancellationToken.None)).ToArray();
        release.Set();
        await busy;
        return training;
    }

    /// <summary>Trains the first rounds of <paramref name="seeds"/> as one group.</summary>
    private async Task<(TrainRound[] Firsts, RoundTrained[] Trained)> TrainFirstsTogether(Guid campaign, long[] seeds, DatasetSpec? dataset = null)
    {
        var firsts = seeds.Select(s => First(campaign, s, TasksOf(s, dataset))).ToArray();
        return (firsts, await Task.WhenAll(await TrainHeldTogether(firsts)));
    }

    /// <summary>Hands <paramref name="rounds"/> to the trainer <paramref name="gapMilliseconds"/> apart, as chains drifting apart send them.</summary>
    private async Task<RoundTrained[]> TrainApart(IEnumerable<TrainRound> rounds, int gapMilliseconds)
    {
        var training = new List<Task<RoundTrained>>();
        foreach (TrainRound m in rounds)
        {
            training.Add(siblings.Train(m, CancellationToken.None));
            await Task.Delay(gapMilliseconds);
        }
        return await Task.WhenAll(training);
    }

    /// <summary>
    /// Trains <paramref name="first"/>'s seed alone on its first <paramref name="tasks"/> tasks and asserts that the
    /// checkpoint the trainer wrote holds the same weights bit for bit; returns the last task's stats.
    /// </summary>
    private TaskTrainingStats AssertSameAsTrainedAlone(TrainRound first, int tasks, CheckpointRef trained)
    {
        long seed = first.Round.Seed;
        using TaskLease lease = cache.LeaseVerified(first.Tasks);
        using var alone = new ContinualLearner(Spec, Settings, seed);
        TaskTrainingStats stats = default!;
        for (int k = 0; k < tasks; k++) stats = alone.TrainOn(lease.Tasks[k]);
        using Mlp grouped = store.Load(trained, Spec);
        for (int l = 0; l < grouped.Linears.Count; l++)
            Assert.True(alone.Model.Linears[l].weight!.eq(grouped.Linears[l].weight!).all().item<bool>(), $"seed {seed}: layer {l} differs from training alone");
        return stats;
    }

    /// <summary>
    /// Trains seeds 1 and 2 together on their first task, then sends only seed 1's next round (seed 2's chain failed,
    /// say) and returns how long it took to train without its sibling.
    /// </summary>
    private async Task<long> MillisecondsToTrainWithoutItsSibling(DatasetSpec? dataset, TimeSpan timeout)
    {
        var (firsts, trained) = await TrainFirstsTogether(Guid.NewGuid(), [1, 2], dataset);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RoundTrained next = await siblings.Train(Next(firsts[0], trained[0]), CancellationToken.None).WaitAsync(timeout);
        Assert.Equal(1, next.Round.Seed);
        return clock.ElapsedMilliseconds;
    }

    [Fact]
    public async Task RoundsHeldWhileTheComputeThreadIsBusy_TrainTogether_EachExactlyAsAlone_AndABadOneFailsAlone()
    {
        var campaign = Guid.NewGuid();
        long[] seeds = [7, 8, 9];
        var rounds = seeds.Select(s => First(campaign, s, TasksOf(s))).ToArray();
        // Same arm and task position, but a forged task record: it must fail on its own, not take its siblings down.
        TrainRound forged = First(campaign, 10, TasksOf(10).Select(t => t with { ContentHash = new string('0', 64) }).ToArray());
        var training = await TrainHeldTogether(rounds.Append(forged));

        var e = await Assert.ThrowsAsync<PermanentFailureException>(() => training[^1]);
        Assert.Contains("content hash", e.Message);
        RoundTrained[] trained = await Task.WhenAll(training[..^1]);
        Assert.Equal(3, siblings.LargestGroup);

        for (int g = 0; g < seeds.Length; g++)
        {
            TaskTrainingStats stats = AssertSameAsTrainedAlone(rounds[g], 1, trained[g].Checkpoint);
            Assert.Equal(stats.MeanLoss, trained[g].Training.MeanLoss);
            Assert.Equal(stats.Samples, trained[g].Training.Samples);
            Assert.NotNull(trained[g].Initial);
        }
    }

    [Fact]
    public async Task FirstRounds_ArrivingMillisecondsApart_AtAnIdleComputeThread_StillTrainTogether()
    {
        // The planner sends a stage's first rounds together; the first must not start alone before the others arrive.
        // A window far longer than the gaps (a loaded CI machine once stretched 10 ms gaps past the default 100 ms); the
        // group is full at three, so it trains as soon as the third arrives, without waiting the window out.
        compute.FirstRoundsGatherMilliseconds = 10_000;
        compute.GroupRounds = 3;
        var campaign = Guid.NewGuid();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await TrainApart(new long[] { 1, 2, 3 }.Select(s => First(campaign, s, TasksOf(s))), 10);
        Assert.Equal(1, siblings.GroupsTrained);
        Assert.Equal(3, siblings.LargestGroup);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 9_000);
    }

    [Fact]
    public async Task AFirstRound_WithNoSiblingComing_WaitsOnlyTheGatherWindow()
    {
        compute.FirstRoundsGatherMilliseconds = 400;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RoundTrained trained = await siblings.Train(First(Guid.NewGuid(), 5, TasksOf(5)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, trained.Round.Seed);
        Assert.InRange(clock.ElapsedMilliseconds, 400, 30_000);
        Assert.Equal(1, siblings.LargestGroup);
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
        RoundTrained[] next = await TrainApart(firsts.Select((m, g) => Next(m, trained[g])), 60);
        Assert.Equal(2, siblings.GroupsTrained);
        Assert.Equal(3, siblings.LargestGroup);

        for (int g = 0; g < seeds.Length; g++) AssertSameAsTrainedAlone(firsts[g], 2, next[g].Checkpoint);
    }

    [Fact]
    public async Task AMissingSibling_IsWaitedFor_OnlyUpToTheLimit()
    {
        compute.GroupWaitMilliseconds = 300;
        // Two seeds of 24,576 samples for 2 epochs each: the group trains for longer than the 300 ms limit.
        long waited = await MillisecondsToTrainWithoutItsSibling(Larger, TimeSpan.FromSeconds(30));
        Assert.InRange(waited, 300, 30_000);
        Assert.Equal(2, siblings.GroupsTrained);
    }

    [Fact]
    public async Task AMissingSibling_IsWaitedFor_NoLongerThanTheGroupTookToTrain()
    {
        // A tiny group (256 samples for 2 epochs each) trains in milliseconds; waiting the 60 s setting for a sibling could never pay.
        compute.GroupWaitMilliseconds = 60_000;
        long waited = await MillisecondsToTrainWithoutItsSibling(null, TimeSpan.FromSeconds(50));
        Assert.InRange(waited, 0, 20_000);
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
