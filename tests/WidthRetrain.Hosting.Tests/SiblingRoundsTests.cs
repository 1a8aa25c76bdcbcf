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

    private IReadOnlyList<TaskSpec> TasksOf(long seed)
    {
        using TaskLease lease = cache.Lease(Dataset, Drift, seed);
        return lease.Tasks.Select(t => new TaskSpec(t.Index, t.Description, Dataset, Drift, seed, t.TrainCount, t.TestCount, t.ContentHash)).ToArray();
    }

    private static TrainRound First(Guid campaign, long seed, IReadOnlyList<TaskSpec> tasks) =>
        new(new RoundRef(Guid.NewGuid(), campaign, 1, Arm.Name, Arm.Width, seed, 0, tasks.Count), Arm, tasks, null, []);

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
    public async Task NextTaskRounds_ArrivingApart_WaitForTheSiblingsTheyTrainedWith_AndStillMatchTrainingAlone()
    {
        var campaign = Guid.NewGuid();
        long[] seeds = [7, 8, 9];
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        var firsts = seeds.Select(s => First(campaign, s, TasksOf(s))).ToArray();
        var training = firsts.Select(m => siblings.Train(m, CancellationToken.None)).ToArray();
        release.Set();
        await busy;
        RoundTrained[] trained = await Task.WhenAll(training);
        Assert.Equal(1, siblings.GroupsTrained);

        // Each chain's next round comes after its own evaluation and price: here 150 ms apart.
        var seconds = new List<Task<RoundTrained>>();
        for (int g = 0; g < seeds.Length; g++)
        {
            TrainRound m = firsts[g];
            seconds.Add(siblings.Train(m with
            {
                Round = m.Round with { RoundId = Guid.NewGuid(), TaskIndex = 1 },
                Parent = trained[g].Checkpoint,
                History = [trained[g].Checkpoint],
            }, CancellationToken.None));
            await Task.Delay(150);
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
        using var release = new ManualResetEventSlim();
        Task<int> busy = gate.RunAsync(() => { release.Wait(); return 0; }, CancellationToken.None);
        var firsts = new long[] { 1, 2 }.Select(s => First(campaign, s, TasksOf(s))).ToArray();
        var training = firsts.Select(m => siblings.Train(m, CancellationToken.None)).ToArray();
        release.Set();
        await busy;
        RoundTrained[] trained = await Task.WhenAll(training);

        // Seed 2's next round never comes (its chain failed, say): seed 1's trains alone after the wait.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RoundTrained next = await siblings.Train(firsts[0] with
        {
            Round = firsts[0].Round with { RoundId = Guid.NewGuid(), TaskIndex = 1 },
            Parent = trained[0].Checkpoint,
            History = [trained[0].Checkpoint],
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, next.Round.Seed);
        Assert.InRange(clock.ElapsedMilliseconds, 300, 30_000);
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
