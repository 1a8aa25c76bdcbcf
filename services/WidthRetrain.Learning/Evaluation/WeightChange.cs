using static TorchSharp.torch;

namespace WidthRetrain.Learning.Evaluation;

/// <summary>
/// Relative weight change of a layer, ||A_after - A_before||_F / ||A_before||_2 (the quantity of the paper's
/// Assumption 4.3; its slope against width on log-log axes estimates beta).
/// </summary>
public static class WeightChange
{
    /// <summary>Above this smaller dimension the spectral norm is estimated by power iteration instead of an SVD.</summary>
    public const long ExactSpectralNormLimit = 2048;

    public static double Relative(Tensor before, Tensor after)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double frob = (after - before).to_type(ScalarType.Float64).norm().item<double>();
        double spectral = SpectralNorm(before);
        return spectral == 0 ? double.PositiveInfinity : frob / spectral;
    }

    /// <summary>Largest singular value: exact below <see cref="ExactSpectralNormLimit"/>, else 100 seeded power iterations.</summary>
    public static double SpectralNorm(Tensor matrix)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor a = matrix.to_type(ScalarType.Float64);
        if (Math.Min(a.shape[0], a.shape[1]) <= ExactSpectralNormLimit)
            return linalg.svdvals(a).max().item<double>();
        using var gen = new Generator(7);
        Tensor v = randn([a.shape[1]], dtype: ScalarType.Float64, generator: gen);
        v /= v.norm();
        for (int i = 0; i < 100; i++)
        {
            Tensor w = a.T.mv(a.mv(v));
            v = w / w.norm();
        }
        return a.mv(v).norm().item<double>();
    }
}
