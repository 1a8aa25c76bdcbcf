using WidthRetrain.Learning.Evaluation;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Training;

public class EvaluationMeasureTests
{
    [Fact]
    public void FunctionalDrift_IsMeanL2DistanceOfOutputs()
    {
        using Tensor before = zeros(2, 2);
        using Tensor after = tensor(new float[] { 0, 0, 3, 4 }, [2, 2]);
        // Distances 0 and 5 -> mean 2.5.
        Assert.Equal(2.5, ModelEvaluator.FunctionalDrift(before, after), 6);
    }

    [Fact]
    public void RelativeWeightChange_IsFrobeniusOfChangeOverSpectralNormOfBefore()
    {
        using Tensor before = tensor(new float[] { 2, 0, 0, 1 }, [2, 2]); // spectral norm 2
        using Tensor after = tensor(new float[] { 2, 3, 4, 1 }, [2, 2]);  // change [[0,3],[4,0]], Frobenius 5
        Assert.Equal(2.5, WeightChange.Relative(before, after), 6);
    }

    [Fact]
    public void SpectralNorm_PowerIterationAgreesWithTheSvd()
    {
        // A random layer-like matrix plus a rank-one spike, as trained weights have.
        using var gen = new Generator(4);
        using Tensor noise = randn([300, 200], generator: gen) / 20;
        using Tensor u = randn([300, 1], generator: gen), v = randn([1, 200], generator: gen);
        using Tensor a = noise + u.mm(v) / 50;
        double exact = WeightChange.SpectralNorm(a);
        double iterated = WeightChange.SpectralNorm(a, exactLimit: 10);
        Assert.Equal(exact, iterated, 4);
    }
}
