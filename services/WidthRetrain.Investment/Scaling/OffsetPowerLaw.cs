namespace WidthRetrain.Investment.Scaling;

/// <summary>
/// Forgetting against width as F(W) = c + a * W^-b (a power law with an offset: the forgetting width alone cannot
/// remove). Fitted by variable projection: for each exponent b on a fine grid, (c, a) is a linear least-squares
/// solution; the best b is refined by golden-section search. Deterministic and needs no starting guess.
/// </summary>
public sealed record OffsetPowerLaw(double Offset, double Coefficient, double Exponent, double ResidualStd, int Points)
{
    public double Predict(double width) => Offset + Coefficient * Math.Pow(width, -Exponent);

    /// <summary>Null with fewer than 3 distinct widths (three parameters).</summary>
    public static OffsetPowerLaw? Fit(IReadOnlyList<WidthCurvePoint> points)
    {
        if (points.Select(p => p.Width).Distinct().Count() < 3) return null;
        double Sse(double b) => Solve(points, b).Sse;
        double best = 0, bestSse = double.PositiveInfinity;
        for (int i = 0; i <= 300; i++)
        {
            double b = 1e-4 * Math.Pow(3 / 1e-4, i / 300.0); // 1e-4 .. 3, log-spaced
            double s = Sse(b);
            if (s < bestSse) (best, bestSse) = (b, s);
        }
        double lo = best / 1.04, hi = best * 1.04, g = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 60; i++)
        {
            double m1 = hi - g * (hi - lo), m2 = lo + g * (hi - lo);
            if (Sse(m1) < Sse(m2)) hi = m2;
            else lo = m1;
        }
        double bFit = (lo + hi) / 2;
        var (c, a, sse) = Solve(points, bFit);
        double std = points.Count > 3 ? Math.Sqrt(sse / (points.Count - 3)) : 0;
        return new OffsetPowerLaw(c, a, bFit, std, points.Count);
    }

    private static (double C, double A, double Sse) Solve(IReadOnlyList<WidthCurvePoint> points, double b)
    {
        // Least squares of y on [1, x] with x = W^-b.
        double n = points.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (WidthCurvePoint p in points)
        {
            double x = Math.Pow(p.Width, -b);
            sx += x;
            sy += p.Value;
            sxx += x * x;
            sxy += x * p.Value;
        }
        double det = n * sxx - sx * sx;
        double a = Math.Abs(det) < 1e-300 ? 0 : (n * sxy - sx * sy) / det;
        double c = (sy - a * sx) / n;
        double sse = points.Sum(p => Math.Pow(p.Value - (c + a * Math.Pow(p.Width, -b)), 2));
        return (c, a, sse);
    }
}
