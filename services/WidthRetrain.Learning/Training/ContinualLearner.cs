using System.Diagnostics;
using TorchSharp;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// One model retrained task after task: the model, its optimiser (state kept across tasks, as in the paper's code)
/// and the replay buffer. The seed fixes initialisation, data order and replay draws; results are bit-exact for
/// a fixed seed and thread count on the same machine. Shuffling and replay draws depend only on (seed, task), so
/// a learner resumed from a checkpoint (<see cref="Resume"/>) continues exactly as an uninterrupted one would,
/// except for optimiser state (momentum, Adam moments), which checkpoints do not hold: plain SGD has none.
/// </summary>
public sealed class ContinualLearner : IDisposable
{
    private readonly optim.Optimizer optimizer;
    private readonly ReplayBuffer replay = new();
    private readonly long seed;

    /// <summary>A fresh model initialised from the seed.</summary>
    public ContinualLearner(MlpSpec spec, TrainingSettings settings, long seed, Device? device = null)
        : this(Initialise(spec, seed), settings, seed, device)
    {
    }

    /// <summary>Takes ownership of an existing model (for example one loaded from a checkpoint).</summary>
    private ContinualLearner(Mlp model, TrainingSettings settings, long seed, Device? device)
    {
        Settings = settings.Validated();
        this.seed = seed;
        Device = device ?? CPU;
        Model = model;
        if (Device.type != DeviceType.CPU) Model.to(Device);
        optimizer = settings.Optimizer switch
        {
            OptimizerKind.Sgd => optim.SGD(Model.parameters(), settings.LearningRate),
            OptimizerKind.Momentum => optim.SGD(Model.parameters(), settings.LearningRate, momentum: settings.Momentum),
            _ => optim.Adam(Model.parameters(), settings.LearningRate),
        };
    }

    public Mlp Model { get; }
    public TrainingSettings Settings { get; }
    public Device Device { get; }

    /// <summary>
    /// Continues training <paramref name="model"/> (whose ownership passes to the learner) after the tasks in
    /// <paramref name="earlierTasks"/>, rebuilding the replay buffer they would have left.
    /// </summary>
    public static ContinualLearner Resume(Mlp model, TrainingSettings settings, long seed, IEnumerable<TaskData> earlierTasks, Device? device = null)
    {
        var learner = new ContinualLearner(model, settings, seed, device);
        foreach (TaskData t in earlierTasks) learner.RememberForReplay(t);
        return learner;
    }

    private static Mlp Initialise(MlpSpec spec, long seed) => new(spec, seed);

    private void RememberForReplay(TaskData task)
    {
        using var pickGen = new Generator(Mix(task.Index, -2));
        replay.Remember(task.TrainX, task.TrainY, Settings.ReplayPerTask, pickGen);
    }

    /// <summary>Trains the model on one task for the configured epochs, then stores replay samples of it.</summary>
    public TaskTrainingStats TrainOn(TaskData task, Action<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        double lr = Settings.LearningRateForTask(task.Index);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        Model.train();
        long n = task.TrainCount, batch = Settings.BatchSize;
        long stepsPerEpoch = (n + batch - 1) / batch, stepsTotal = stepsPerEpoch * Settings.EpochsPerTask;
        long steps = 0, samples = 0;
        using Tensor lossSum = zeros(1);
        using var replayGen = new Generator(Mix(task.Index, -1));
        // CPU tensors stay put: to() on the same device would alias the task's tensor inside this step's scope.
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < Settings.EpochsPerTask; epoch++)
        {
            using var shuffleGen = new Generator(Mix(task.Index, epoch));
            using Tensor order = randperm(n, generator: shuffleGen);
            for (long start = 0; start < n; start += batch)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor idx = order.narrow(0, start, Math.Min(batch, n - start));
                Tensor x = task.TrainX.index_select(0, idx), y = task.TrainY.index_select(0, idx);
                if (replay.Count > 0)
                {
                    var (rx, ry) = replay.Sample(idx.shape[0], replayGen);
                    x = cat([x, rx], 0);
                    y = cat([y, ry], 0);
                }
                if (Device.type != DeviceType.CPU)
                {
                    x = x.to(Device);
                    y = y.to(Device);
                }
                optimizer.zero_grad();
                Tensor loss = F.cross_entropy(Model.forward(x), y);
                loss.backward();
                optimizer.step();
                lossSum.add_(loss.detach());
                samples += x.shape[0];
                steps++;
                if (progress is not null && (steps % 50 == 0 || steps == stepsTotal))
                    progress(new TrainingProgress(task.Index, epoch, Settings.EpochsPerTask, steps, stepsTotal));
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        RememberForReplay(task);
        double flops = (double)ModelCost.TrainFlopsPerSample(Model.Spec) * samples
            + (double)ModelCost.OptimizerFlopsPerStep(Model.Spec, Settings.Optimizer) * steps;
        return new TaskTrainingStats(task.Index, samples, steps, seconds, flops, lossSum.item<float>() / steps, lr);
    }

    private ulong Mix(int taskIndex, int epoch) => unchecked((ulong)(seed * 2_654_435_761L + taskIndex * 40_503L + epoch * 97L + 12_345L));

    public void Dispose()
    {
        optimizer.Dispose();
        replay.Dispose();
        Model.Dispose();
    }
}
