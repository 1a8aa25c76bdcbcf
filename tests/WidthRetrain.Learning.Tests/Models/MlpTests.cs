using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Models;

public class MlpTests
{
    [Theory]
    [InlineData(32, 1, 784 * 32 + 32 + 32 * 10 + 10)]
    [InlineData(64, 3, 784 * 64 + 64 + 2 * (64 * 64 + 64) + 64 * 10 + 10)]
    public void ParameterCount_MatchesTheModel(int width, int depth, long expected)
    {
        var spec = new MlpSpec(784, width, depth, 10);
        using var model = new Mlp(spec);
        Assert.Equal(expected, ModelCost.Parameters(spec));
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
        Assert.Equal(depth + 1, model.Linears.Count);
    }

    [Fact]
    public void FlopCounts_ByHand()
    {
        // Layers (3->4), (4->4), (4->2).
        // forward: (2*3*4 + 4) + (2*4*4 + 4) + (2*4*2 + 2) = 28 + 36 + 18 = 82
        // backward: weight+bias grads 82, input grads of layers 2 and 3: 2*4*4 + 2*4*2 = 48 -> 130
        var spec = new MlpSpec(3, 4, 2, 2);
        Assert.Equal(82, ModelCost.ForwardFlopsPerSample(spec));
        Assert.Equal(130, ModelCost.BackwardFlopsPerSample(spec));
        Assert.Equal(212, ModelCost.TrainFlopsPerSample(spec));
        long parameters = 3 * 4 + 4 + 4 * 4 + 4 + 4 * 2 + 2;
        Assert.Equal(2 * parameters, ModelCost.OptimizerFlopsPerStep(spec, OptimizerKind.Sgd));
        Assert.Equal(12 * parameters, ModelCost.OptimizerFlopsPerStep(spec, OptimizerKind.Adam));
    }

    [Fact]
    public void Initialisation_IsPyTorchDefault_UniformWithinOneOverSqrtFanIn()
    {
        using var model = new Mlp(new MlpSpec(784, 256, 2, 10), seed: 1);
        double bound1 = 1 / Math.Sqrt(784), bound2 = 1 / Math.Sqrt(256);
        Assert.True(model.Linears[0].weight!.abs().max().item<float>() <= bound1);
        Assert.True(model.Linears[0].bias!.abs().max().item<float>() <= bound1);
        Assert.True(model.Linears[1].weight!.abs().max().item<float>() <= bound2);
        // Uniform(-b, b) has standard deviation b / sqrt(3).
        Assert.Equal(bound1 / Math.Sqrt(3), model.Linears[0].weight!.std().item<float>(), 3);
    }

    [Fact]
    public void SameSeed_SameWeights()
    {
        using var a = new Mlp(new MlpSpec(10, 8, 1, 3), seed: 5);
        // Draws from the global generator in between (another training starting) must not change the seeded weights.
        random.manual_seed(99);
        using (randn(1000)) { }
        using var b = new Mlp(new MlpSpec(10, 8, 1, 3), seed: 5);
        using var c = new Mlp(new MlpSpec(10, 8, 1, 3), seed: 6);
        Assert.True(Same.Tensors(a.Linears[0].weight!, b.Linears[0].weight!));
        Assert.True(Same.Tensors(a.Linears[1].bias!, b.Linears[1].bias!));
        Assert.False(Same.Tensors(a.Linears[0].weight!, c.Linears[0].weight!));
    }

    [Fact]
    public void BadSpec_NamesEachField()
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpSpec(784, 0, 0, 1).Validated());
        Assert.Contains("width: must be at least 1, got 0", e.Message);
        Assert.Contains("depth: hidden layers must be at least 1, got 0", e.Message);
        Assert.Contains("classes: must be at least 2, got 1", e.Message);
    }
}
