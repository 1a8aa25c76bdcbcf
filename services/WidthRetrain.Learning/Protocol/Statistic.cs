namespace WidthRetrain.Learning.Protocol;

/// <summary>Mean and sample standard deviation over seeds (Std is 0 with one seed; N counts defined values).</summary>
public sealed record Statistic(double Mean, double Std, int N)
{
    public static Statistic? Of(IEnumerable<double?> values)
    {
        double[] v = values.Where(x => x is not null).Select(x => x!.Value).ToArray();
        if (v.Length == 0) return null;
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new Statistic(mean, std, v.Length);
    }
}
