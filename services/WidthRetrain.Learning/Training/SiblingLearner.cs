using System.Diagnostics;
using TorchSharp;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// Sibling models (one spec, one training setting, each with its own seed) retrained task after task as one
/// <see cref="StackedMlp"/>: a step is one batched product per layer for all of them, which pays libtorch's
/// per-operation cost once instead of once per model (what bounds small widths). Each model keeps everything it
/// would have alone: its seed's initialisation, its own data (each model may train on its own seed's task), data
/// order and replay draws, its own replay buffer and loss; the optimiser's state is per element, so it is its own too.
/// Model g's slice is computed by the same kernels whatever G is, so a model's results do not depend on the group
/// it trained in (tested bit for bit); <see cref="ContinualLearner"/> is the group of one.
/// </summary>
public sealed class SiblingLearner : IDisposable
{
    private readonly StackedMlp stacked;
    // Not TorchSharp's optimizers, which can lose a temporary Scalar mid-call (HeldScalarOptimizer); the same bits.
    private readonly HeldScalarOptimizer optimizer;
    private readonly ReplayBuffer[] replays;
    private readonly long[] seeds;

    /// <summary>
    /// Whether models trained with <paramref name="settings"/> on <paramref name="trainCount"/> samples end bit for bit
    /// where they would alone when trained as a group. libtorch's batched kernels round a contraction over an odd number of
    /// rows differently for one matrix and for several; batches whose sizes (the last one of an epoch too) are multiples of
    /// 4 are exact (tested), the paper's 32 among them. Otherwise train alone, so that results never depend on grouping.
    /// </summary>
    public static bool GroupsExactly(TrainingSettings settings, long trainCount) =>
        settings.BatchSize == 1 || (settings.BatchSize % 4 == 0 && trainCount % settings.BatchSize % 4 == 0);

    /// <summary>Fresh models, each initialised from its seed.</summary>
    public SiblingLearner(MlpSpec spec, TrainingSettings settings, IReadOnlyList<long> seeds, Device? device = null)
        : this(seeds.Select(s => new Mlp(spec, s)).ToArray(), settings, seeds, device)
    {
    }

    /// <summary>Takes ownership of existing models (for example ones loaded from checkpoints), in the order of <paramref name="seeds"/>.</summary>
    private SiblingLearner(IReadOnlyList<Mlp> models, TrainingSettings settings, IReadOnlyList<long> seeds, Device? device)
    {
        if (models.Count == 0 || models.Count != seeds.Count)
            throw new ArgumentException($"seeds: one per model is needed (got {seeds.Count} seeds for {models.Count} models)", nameof(seeds));
        Settings = settings.Validated();
        this.seeds = [.. seeds];
        Device = device ?? CPU;
        Models = models;
        if (Device.type != DeviceType.CPU)
            foreach (Mlp m in models) m.to(Device);
        stacked = new StackedMlp(models, Device);
        replays = models.Select(_ => new ReplayBuffer()).ToArray();
        optimizer = HeldScalarOptimizer.For(settings, stacked.Parameters());
    }

    /// <summary>The models, in seed order; their weights are those after the last <see cref="TrainOn"/>.</summary>
    public IReadOnlyList<Mlp> Models { get; }

    public TrainingSettings Settings { get; }
    public Device Device { get; }
    public int Count => Models.Count;

    /// <summary>
    /// Continues training <paramref name="models"/> (whose ownership passes to the learner) after the tasks in
    /// <paramref name="earlierTasks"/>[g], rebuilding the replay buffers they would have left.
    /// </summary>
    public static SiblingLearner Resume(IReadOnlyList<Mlp> models, TrainingSettings settings, IReadOnlyList<long> seeds,
        IReadOnlyList<IEnumerable<TaskData>> earlierTasks, Device? device = null)
    {
        var learner = new SiblingLearner(models, settings, seeds, device);
        for (int g = 0; g < learner.Count; g++)
            foreach (TaskData t in earlierTasks[g]) learner.RememberForReplay(g, t);
        return learner;
    }

    private void RememberForReplay(int g, TaskData task)
    {
        using var pickGen = new Generator(Mix(seeds[g], task.Index, -2));
        replays[g].Remember(task.TrainX, task.TrainY, Settings.ReplayPerTask, pickGen);
    }

    /// <summary>
    /// Trains model g on <paramref name="tasks"/>[g] (one task position, every model's own data of equal size) for the
    /// configured epochs, then stores replay samples of it. Seconds in the stats are the group's wall time shared
    /// equally: what each model's training cost the machine.
    /// </summary>
    public IReadOnlyList<TaskTrainingStats> TrainOn(IReadOnlyList<TaskData> tasks, Action<TrainingProgress>? progress = null,
        CancellationToken cancel = default)
    {
        if (tasks.Count != Count) throw new ArgumentException($"tasks: one per model is needed (got {tasks.Count} for {Count} models)", nameof(tasks));
        int index = tasks[0].Index;
        long n = tasks[0].TrainCount;
        if (tasks.Any(t => t.Index != index || t.TrainCount != n))
            throw new ArgumentException($"tasks: siblings train on the same task position with equal sizes; got {string.Join(", ", tasks.Select(t => $"task {t.Index} of {t.TrainCount}"))}", nameof(tasks));
        int g0 = Count;
        double lr = Settings.LearningRateForTask(index);
        optimizer.LearningRate = lr;
        long batch = Settings.BatchSize;
        long stepsPerEpoch = (n + batch - 1) / batch, stepsTotal = stepsPerEpoch * Settings.EpochsPerTask;
        long steps = 0, samples = 0;
        var clock = Stopwatch.StartNew();
        using var taskScope = NewDisposeScope();
        // Held for the whole task: a temporary Scalar passed to libtorch can be finalized mid-call (see HeldScalarOptimizer).
        using Scalar one = 1.ToScalar();
        int replayCount = replays[0].Count;
        Tensor lossSum = zeros(g0, device: Device);
        var replayGens = seeds.Select(s => new Generator(Mix(s, index, -1))).ToArray();
        try
        {
            for (int epoch = 0; epoch < Settings.EpochsPerTask; epoch++)
            {
                using var epochScope = NewDisposeScope();
                Tensor[] orders = Orders(n, index, epoch);
                for (long start = 0; start < n; start += batch)
                {
                    cancel.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    long b = Math.Min(batch, n - start);
                    // Each model's rows gathered from its own task and stacked: a copy of every task into one tensor would
                    // cost more (first touch of fresh memory is slow here) than the G small gathers.
                    var xs = new Tensor[g0];
                    var ys = new Tensor[g0];
                    for (int g = 0; g < g0; g++)
                    {
                        Tensor idx = orders[g].narrow(0, start, b);
                        xs[g] = tasks[g].TrainX.index_select(0, idx);
                        ys[g] = tasks[g].TrainY.index_select(0, idx);
                        if (replayCount > 0)
                        {
                            // Each model's own draw, as ReplayBuffer.Sample makes it.
                            var (rx, ry) = replays[g].Sample(b, replayGens[g]);
                            xs[g] = cat([xs[g], rx], 0);
                            ys[g] = cat([ys[g], ry], 0);
                        }
                    }
                    Tensor x = OnDevice(g0 == 1 ? xs[0].unsqueeze(0) : stack(xs, 0));
                    Tensor y = OnDevice(g0 == 1 ? ys[0].unsqueeze(0) : stack(ys, 0));
                    optimizer.ZeroGrad();
                    Tensor logits = stacked.Forward(x);
                    // Each model's mean loss over its own batch; their sum gives each model exactly its own gradient.
                    Tensor losses = F.cross_entropy(logits.reshape(-1, logits.shape[2]), y.reshape(-1), reduction: nn.Reduction.None)
                        .view(g0, -1).mean([1]);
                    losses.sum().backward();
                    optimizer.Step();
                    lossSum.add_(losses.detach(), one);
                    samples += x.shape[1];
                    steps++;
                    if (progress is not null && (steps % 50 == 0 || steps == stepsTotal))
                        progress(new TrainingProgress(index, epoch, Settings.EpochsPerTask, steps, stepsTotal));
                }
            }
            stacked.CopyTo(Models);
        }
        finally
        {
            foreach (Generator gen in replayGens) gen.Dispose();
        }
        double seconds = clock.Elapsed.TotalSeconds / g0;
        for (int g = 0; g < g0; g++) RememberForReplay(g, tasks[g]);
        double flops = (double)ModelCost.TrainFlopsPerSample(stacked.Spec) * samples
            + (double)ModelCost.OptimizerFlopsPerStep(stacked.Spec, Settings.Optimizer) * steps;
        float[] meanLoss = lossSum.cpu().data<float>().ToArray();
        return Enumerable.Range(0, g0).Select(g => new TaskTrainingStats(index, samples, steps, seconds, flops, meanLoss[g] / steps, lr)).ToArray();
    }

    /// <summary>Each model's shuffle of this epoch, from its own seed.</summary>
    private Tensor[] Orders(long n, int taskIndex, int epoch)
    {
        var perms = new Tensor[Count];
        for (int g = 0; g < Count; g++)
        {
            using var shuffleGen = new Generator(Mix(seeds[g], taskIndex, epoch));
            perms[g] = randperm(n, generator: shuffleGen);
        }
        return perms;
    }

    // CPU tensors stay put: to() on the same device would alias, and nothing needs moving.
    private Tensor OnDevice(Tensor t) => Device.type == DeviceType.CPU ? t : t.to(Device);

    private static ulong Mix(long seed, int taskIndex, int epoch) =>
        unchecked((ulong)(seed * 2_654_435_761L + taskIndex * 40_503L + epoch * 97L + 12_345L));

    public void Dispose()
    {
        optimizer.Dispose();
        stacked.Dispose();
        foreach (ReplayBuffer r in replays) r.Dispose();
        foreach (Mlp m in Models) m.Dispose();
    }
}
