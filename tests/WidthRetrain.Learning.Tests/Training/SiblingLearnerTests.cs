using TorchSharp;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Learning.Tests.Training;

/// <summary>Sibling models trained as one stack must each end exactly where they would have alone.</summary>
public sealed class SiblingLearnerTests : IDisposable
{
    private static readonly long[] Seeds = [3, 4, 5];
    private readonly DatasetPair source = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 600, TestLimit: 100, Seed: 1));
    // Each seed its own materialisation, as in a sweep or a campaign: siblings train on different data.
    private readonly IReadOnlyList<TaskData>[] tasks;

    public SiblingLearnerTests()
    {
        TorchRuntime.Configure(2);
        tasks = Seeds.Select(s => DriftScenarios.MaterializeAll(new RotationScenario([0, 45, 90]), source, seed: s)).ToArray();
    }

    public void Dispose()
    {
        foreach (TaskData t in tasks.SelectMany(x => x)) t.Dispose();
        source.Dispose();
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, 0, 32)]
    [InlineData(OptimizerKind.Sgd, 50, 32)]
    [InlineData(OptimizerKind.Momentum, 50, 12)]
    [InlineData(OptimizerKind.Momentum, 0, 40)]
    [InlineData(OptimizerKind.Adam, 0, 64)]
    [InlineData(OptimizerKind.Sgd, 0, 16)] // a last batch of 8
    [InlineData(OptimizerKind.Sgd, 0, 1)]
    public void EachSibling_EndsBitForBit_WhereItWouldAlone(OptimizerKind optimizer, int replay, int batch)
    {
        var spec = new MlpSpec(784, 24, 2, 10);
        var settings = new TrainingSettings(optimizer, optimizer == OptimizerKind.Adam ? 0.001 : 0.05, batch, EpochsPerTask: 2,
            ReplayPerTask: replay, LearningRateDecayPerTask: 0.7);
        using var group = new SiblingLearner(spec, settings, Seeds);
        var groupStats = new List<IReadOnlyList<TaskTrainingStats>>();
        for (int k = 0; k < 3; k++) groupStats.Add(group.TrainOn(tasks.Select(t => t[k]).ToArray()));

        for (int g = 0; g < Seeds.Length; g++)
        {
            using var alone = new ContinualLearner(spec, settings, Seeds[g]);
            var aloneStats = tasks[g].Select(t => alone.TrainOn(t)).ToArray();
            for (int l = 0; l < alone.Model.Linears.Count; l++)
            {
                Assert.True(Same.Tensors(alone.Model.Linears[l].weight!, group.Models[g].Linears[l].weight!), $"seed {Seeds[g]}: layer {l} weights differ");
                Assert.True(Same.Tensors(alone.Model.Linears[l].bias!, group.Models[g].Linears[l].bias!), $"seed {Seeds[g]}: layer {l} biases differ");
            }
            Assert.Equal(aloneStats.Select(s => s.MeanLoss), groupStats.Select(s => s[g].MeanLoss));
            Assert.Equal(aloneStats.Select(s => s.Samples), groupStats.Select(s => s[g].Samples));
        }
        // Different seeds, different models: the stack did not collapse them into one.
        Assert.False(Same.Tensors(group.Models[0].Linears[0].weight!, group.Models[1].Linears[0].weight!));
    }

    [Fact]
    public void TheStack_ComputesWhatAPlainModuleComputes()
    {
        // The reference: TorchSharp's own Linear modules, cross-entropy and SGD on the same batches, one model at a time.
        var spec = new MlpSpec(784, 16, 1, 10);
        var settings = new TrainingSettings(LearningRate: 0.05, BatchSize: 20, EpochsPerTask: 1);
        using var group = new SiblingLearner(spec, settings, [11]);
        using var reference = new Mlp(spec, 11);
        using var sgd = optim.SGD(reference.parameters(), 0.05);
        TaskData task = tasks[0][0];
        using var shuffle = new Generator(unchecked((ulong)(11 * 2_654_435_761L + 12_345L)));
        using Tensor order = randperm(task.TrainCount, generator: shuffle);
        for (long start = 0; start < task.TrainCount; start += 20)
        {
            using var scope = NewDisposeScope();
            Tensor idx = order.narrow(0, start, Math.Min(20, task.TrainCount - start));
            sgd.zero_grad();
            F.cross_entropy(reference.forward(task.TrainX.index_select(0, idx)), task.TrainY.index_select(0, idx)).backward();
            sgd.step();
        }
        group.TrainOn([task]);

        for (int l = 0; l < reference.Linears.Count; l++)
        {
            double gap = (reference.Linears[l].weight! - group.Models[0].Linears[l].weight!).abs().max().item<float>();
            Assert.True(gap < 1e-4, $"layer {l}: the stacked model drifted {gap} from the plain one (float rounding is ~1e-7)");
        }
    }

    [Fact]
    public void SiblingsOfDifferentSizes_AreRefused_NamingTheTasks()
    {
        using var group = new SiblingLearner(new MlpSpec(784, 8, 1, 10), new TrainingSettings(EpochsPerTask: 1), [1, 2]);
        var e = Assert.Throws<ArgumentException>(() => group.TrainOn([tasks[0][0], tasks[1][1]]));
        Assert.Contains("siblings train on the same task position", e.Message);
        Assert.Contains("task 0 of 600, task 1 of 600", e.Message);
    }

    [Theory]
    [InlineData(32, 600, true)]
    [InlineData(16, 600, true)]
    [InlineData(1, 600, true)]
    [InlineData(7, 600, false)] // odd batches round differently in libtorch's batched kernels for G = 1 and G > 1
    [InlineData(33, 600, false)]
    [InlineData(32, 601, false)] // a last batch of 25
    public void Grouping_IsOffered_OnlyWhereItIsBitExact(int batch, int trainCount, bool expected) =>
        Assert.Equal(expected, SiblingLearner.GroupsExactly(new TrainingSettings(BatchSize: batch), trainCount));
}
