using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Tests.Training;

/// <summary>The live-tensor count is process-wide, so this runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(NativeMemoryTests), DisableParallelization = true)]
public sealed class NativeMemoryCollection;

[Collection(nameof(NativeMemoryTests))]
public sealed class NativeMemoryTests
{
    /// <summary>Lets the finalizers of other tests' forgotten tensors run now rather than during the measurement.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Fact]
    public void Training_DoesNotGrowTheNumberOfLiveNativeTensors()
    {
        using DatasetPair source = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 500, TestLimit: 100, Seed: 1));
        var tasks = DriftScenarios.MaterializeAll(new RotationScenario([0, 90]), source, seed: 1);
        try
        {
            using var learner = new ContinualLearner(new MlpSpec(784, 32, 2, 10), new TrainingSettings(EpochsPerTask: 2, ReplayPerTask: 50), 1);
            learner.TrainOn(tasks[0]);
            learner.TrainOn(tasks[1]); // the replay buffer now holds both tasks' samples
            Settle();
            long before = TorchRuntime.LiveTensors;
            learner.TrainOn(tasks[1]);
            learner.TrainOn(tasks[1]);
            Settle();
            // Each TrainOn adds a task's samples to the buffer, replacing its two tensors: the count stays put.
            Assert.Equal(before, TorchRuntime.LiveTensors);
        }
        finally
        {
            foreach (TaskData t in tasks) t.Dispose();
        }
    }
}
