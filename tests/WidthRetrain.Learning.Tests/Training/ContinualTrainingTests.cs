using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Protocol;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Tests.Training;

/// <summary>Trains small MLPs on generated rotated tasks: seconds, not minutes.</summary>
public sealed class ContinualTrainingTests : IDisposable
{
    private readonly DatasetPair source = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 1500, TestLimit: 300, Seed: 1));
    private readonly IReadOnlyList<TaskData> tasks;

    public ContinualTrainingTests()
    {
        TorchRuntime.Configure(2);
        tasks = DriftScenarios.MaterializeAll(new RotationScenario([0, 60, 120]), source, seed: 1);
    }

    public void Dispose()
    {
        foreach (TaskData t in tasks) t.Dispose();
        source.Dispose();
    }

    private static RunSpec Spec(int width = 64, long seed = 7, TrainingSettings? training = null) =>
        new(new MlpSpec(784, width, 1, 10), training ?? new TrainingSettings(LearningRate: 0.05, EpochsPerTask: 2), seed);

    [Fact]
    public void RotatedSequence_LearnsEachTask_AndForgetsOldOnes()
    {
        RunResult r = ContinualRun.Execute(tasks, Spec());

        for (int j = 0; j < tasks.Count; j++)
            Assert.True(r.Accuracy[j, j] > 0.5, $"task {j} learned to only {r.Accuracy[j, j]:P1} (chance 10%)");
        Assert.True(r.Metrics.ForgettingPaper > 0, $"no forgetting: {r.Metrics.ForgettingPaper}");
        Assert.True(r.Metrics.ForgettingChaudhry > 0);
        Assert.True(r.Metrics.BackwardTransfer < 0);
        Assert.All(r.RandomInitAccuracy, a => Assert.InRange(a, 0.0, 0.35));
        Assert.NotNull(r.Metrics.ForwardTransfer);
        // Old tasks drift once later tasks are trained; the task itself is undefined on the diagonal.
        Assert.Null(r.FunctionalDrift[1][1]);
        Assert.True(r.FunctionalDrift[2][0] > 0);
        Assert.All(r.WeightChange, row => Assert.All(row, c => Assert.True(c > 0)));
        Assert.Equal(3, r.Training.Count);
        Assert.Equal(1500L * 2 * 3, r.SamplesSeen);
    }

    [Fact]
    public void SameSeed_SameResults_DifferentSeed_DifferentResults()
    {
        RunResult a = ContinualRun.Execute(tasks, Spec(seed: 3));
        RunResult b = ContinualRun.Execute(tasks, Spec(seed: 3));
        RunResult c = ContinualRun.Execute(tasks, Spec(seed: 4));

        Assert.Equal(a.Accuracy.ToArray(), b.Accuracy.ToArray());
        Assert.Equal(a.Training.Select(t => t.MeanLoss), b.Training.Select(t => t.MeanLoss));
        Assert.NotEqual(a.Training.Select(t => t.MeanLoss), c.Training.Select(t => t.MeanLoss));
    }

    [Fact]
    public void Replay_TopsUpEveryBatch_AfterTheFirstTask()
    {
        var settings = new TrainingSettings(EpochsPerTask: 1, BatchSize: 50, ReplayPerTask: 100);
        using var learner = new ContinualLearner(new MlpSpec(784, 16, 1, 10), settings, 1);
        TaskTrainingStats first = learner.TrainOn(tasks[0]);
        TaskTrainingStats second = learner.TrainOn(tasks[1]);

        Assert.Equal(1500, first.Samples);
        Assert.Equal(3000, second.Samples);
        Assert.Equal(first.Steps, second.Steps);
        // Same steps, twice the samples: the extra work is exactly 1500 more training samples.
        Assert.Equal(ModelCost.TrainFlopsPerSample(new MlpSpec(784, 16, 1, 10)) * 1500.0, second.Flops - first.Flops, 1.0);
    }

    [Fact]
    public void ResumingFromCheckpoints_IsExactlyUninterruptedTraining_WithReplay()
    {
        var spec = new MlpSpec(784, 32, 1, 10);
        var settings = new TrainingSettings(EpochsPerTask: 1, ReplayPerTask: 40, LearningRate: 0.05);
        string dir = Path.Combine(Path.GetTempPath(), "widthretrain-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using var straight = new ContinualLearner(spec, settings, 9);
            foreach (TaskData t in tasks) straight.TrainOn(t);

            Checkpoint? last = null;
            for (int k = 0; k < tasks.Count; k++)
            {
                using ContinualLearner learner = last is null
                    ? new ContinualLearner(spec, settings, 9)
                    : ContinualLearner.Resume(CheckpointStore.Load(last), settings, 9, tasks.Take(k));
                learner.TrainOn(tasks[k]);
                last = CheckpointStore.Save(learner.Model, Path.Combine(dir, $"task-{k}.ckpt"));
            }
            using Mlp resumed = CheckpointStore.Load(last!);
            for (int l = 0; l < resumed.Linears.Count; l++)
                Assert.True(Same.Tensors(straight.Model.Linears[l].weight!, resumed.Linears[l].weight!), $"layer {l} differs");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DeviceChoice_IsValidated()
    {
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice("cpu").type);
        Assert.Equal(TorchSharp.DeviceType.CPU, TorchRuntime.ResolveDevice("auto").type); // no CUDA in the CPU-only build
        Assert.Contains("device: unknown value 'tpu'; allowed: auto, cpu, cuda", Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu")).Message);
    }

    [Fact]
    public void LearningRateDecay_AppliesPerTask()
    {
        var settings = new TrainingSettings(LearningRate: 0.1, EpochsPerTask: 1, LearningRateDecayPerTask: 0.5, Optimizer: OptimizerKind.Momentum);
        using var learner = new ContinualLearner(new MlpSpec(784, 16, 1, 10), settings, 1);
        Assert.Equal([0.1, 0.05, 0.025], tasks.Select(t => learner.TrainOn(t).LearningRate));
    }

    [Fact]
    public void Adam_TrainsToo()
    {
        RunResult r = ContinualRun.Execute(tasks.Take(1).ToArray(), Spec(training: new TrainingSettings(OptimizerKind.Adam, 0.001, EpochsPerTask: 1)));
        Assert.True(r.Accuracy[0, 0] > 0.5);
        Assert.Null(r.Metrics.BackwardTransfer); // one task: undefined, not zero
    }

    [Fact]
    public void BadTrainingSettings_NameEachField()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingSettings(LearningRate: -0.1, BatchSize: 0, EpochsPerTask: 0, ReplayPerTask: -1).Validated());
        Assert.Contains("lr: must be a positive number, got -0.1", e.Message);
        Assert.Contains("batch: must be at least 1, got 0", e.Message);
        Assert.Contains("epochs: must be at least 1, got 0", e.Message);
        Assert.Contains("replay: samples per task must be 0 or more, got -1", e.Message);
    }
}
