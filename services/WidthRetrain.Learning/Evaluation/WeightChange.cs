using static TorchSharp.torch;

namespace WidthRetrain.Learning.Evaluation;

/// <summary>
/// Relative weight change of a layer, ||A_after - A_before||_F / ||A_before||_2 (the quantity of the paper's
/// Assumption 4.3; its slope against width on log-log axes estimates beta).
/// </summary>
public static class WeightChange
{
    /// <summary>
    /// Above this smaller dimension the spectral norm is estimated by power iteration instead of an SVD (an SVD of
    /// a 4096 x 4096 layer takes seconds on 2 cores; at 16384 it takes minutes).
    /// </summary>
    public const long ExactSpectralNormLimit = 4096;

    public static double Relative(Tensor before, Tensor after)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double frob = (after - before).to_type(ScalarType.Float64).norm().item<double>();
        double spectral = SpectralNorm(before);
        return spectral == 0 ? double.PositiveInfinity : frob / spectral;
    }

    /// <summary>
    /// Largest singular value: exact (SVD) when the smaller dimension is at most <paramref name="exactLimit"/>, else
    /// seeded power iteration until the estimate moves by less than 1e-7 relative (at most 1000 iterations). Power
    /// iteration approaches from below and converges slowly when the top singular values are close together.
    /// </summary>
    public static double SpectralNorm(Tensor matrix, long exactLimit = ExactSpectralNormLimit)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor a = matrix.to_type(ScalarType.Float64);
        if (Math.Min(a.shape[0], a.shape[1]) <= exactLimit)
            return linalg.svdvals(a).max().item<double>();
        using var gen = new Generator(7);
        Tensor v = randn([a.shape[1]], dtype: ScalarType.Float64, generator: gen);
        v /= v.norm();
        double estimate = 0;
        for (int i = 0; i < 1000; i++)
        {
            using var step = NewDisposeScope();
            Tensor av = a.mv(v);
            double next = av.norm().item<double>();
            Tensor w = a.T.mv(av);
            v.copy_(w / w.norm());
            if (Math.Abs(next - estimate) <= 1e-7 * next) return next;
            estimate = next;
        }
        return estimate;
    }
}
