using MathNet.Numerics.Distributions;

namespace WidthRetrain.Investment.Statistics;

/// <summary>The paired t-test: values of two arms matched by seed.</summary>
public static class PairedTest
{
    /// <exception cref="ArgumentException">The two share no seed.</exception>
    public static PairedDifference Of(IReadOnlyDictionary<long, double> a, IReadOnlyDictionary<long, double> b, double confidence = 0.95)
    {
        double[] d = [.. a.Keys.Where(b.ContainsKey).Order().Select(seed => a[seed] - b[seed])];
        if (d.Length == 0) throw new ArgumentException("the two arms share no seed: nothing to pair");
        double mean = d.Average();
        if (d.Length == 1) return new PairedDifference(mean, null, null, null, 1);
        double se = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1) / d.Length);
        int dof = d.Length - 1;
        double half = StudentT.InvCDF(0, 1, dof, 1 - (1 - confidence) / 2) * se;
        // Identical differences on every seed: no spread, so the sign alone decides (p 0 unless the mean is 0).
        double p = se == 0 ? (mean == 0 ? 1 : 0) : 2 * (1 - StudentT.CDF(0, 1, dof, Math.Abs(mean) / se));
        return new PairedDifference(mean, mean - half, mean + half, p, d.Length);
    }

    /// <summary>Holm's step-down adjustment of several p-values (same order as given): controls the family-wise error.</summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> p)
    {
        int m = p.Count;
        int[] order = [.. Enumerable.Range(0, m).OrderBy(i => p[i])];
        var adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
