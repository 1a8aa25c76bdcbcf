using MathNet.Numerics.Distributions;
using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Investment.Evidence;

/// <summary>Mean, sample standard deviation and a two-sided Student-t confidence interval over seeds.</summary>
public static class EstimateCalculator
{
    public const double DefaultConfidence = 0.95;

    /// <summary>Null when no value is defined. With one value the interval is the point itself (no spread is known).</summary>
    public static Estimate? Of(IEnumerable<double?> values, double confidence = DefaultConfidence)
    {
        double[] v = values.Where(x => x is not null && double.IsFinite(x.Value)).Select(x => x!.Value).ToArray();
        if (v.Length == 0) return null;
        double mean = v.Average();
        if (v.Length == 1) return new Estimate(mean, 0, mean, mean, 1);
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        double half = StudentT.InvCDF(0, 1, v.Length - 1, 1 - (1 - confidence) / 2) * std / Math.Sqrt(v.Length);
        return new Estimate(mean, std, mean - half, mean + half, v.Length);
    }

    public static Estimate Required(IEnumerable<double> values, double confidence = DefaultConfidence) =>
        Of(values.Select(v => (double?)v), confidence) ?? throw new ArgumentException("values: at least one finite value is needed");
}
