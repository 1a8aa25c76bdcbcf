using MathNet.Numerics;

namespace WidthRetrain.Investment.Scaling;

/// <summary>Fits how a value (e.g. forgetting) scales with model width.</summary>
public static class WidthCurveFitter
{
    /// <summary>
    /// Fits a power law y = a * W^(-b) (OLS of ln y on ln W, points with y &gt; 0 only),
    /// a log-linear curve y = c + d * log2(W) (all points), and the steps between consecutive distinct widths.
    /// </summary>
    /// <param name="points">Observations; several per width are allowed. At least 2 distinct widths are needed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="points"/> contains null or has fewer than 2 distinct widths.</exception>
    public static WidthCurveFit Fit(IReadOnlyList<WidthCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (int i = 0; i < points.Count; i++)
        {
            if (points[i] is null)
            {
                throw new ArgumentException($"points[{i}] is null.", nameof(points));
            }
        }

        // Mean y per width, sorted by width: seeds at one width are averaged for the steps.
        var byWidth = points
            .GroupBy(p => p.Width)
            .OrderBy(g => g.Key)
            .Select(g => (Width: g.Key, MeanY: g.Average(p => p.Value)))
            .ToArray();

        if (byWidth.Length < 2)
        {
            throw new ArgumentException(
                $"points must contain at least 2 distinct widths to fit a curve (got {byWidth.Length} distinct width(s) from {points.Count} point(s)).",
                nameof(points));
        }

        // Log-linear on all points (raw seeds, not means, so each observation has equal weight).
        double[] log2W = points.Select(p => Math.Log2(p.Width)).ToArray();
        double[] y = points.Select(p => p.Value).ToArray();
        var (c, d) = MathNet.Numerics.Fit.Line(log2W, y);
        double? logLinearR2 = RSquared(log2W, y, c, d);

        // Power law: ln y is only defined for y > 0.
        var positive = points.Where(p => p.Value > 0).ToArray();
        int excluded = points.Count - positive.Length;
        int positiveWidths = positive.Select(p => p.Width).Distinct().Count();

        double? coefficient = null, exponent = null, powerR2 = null;
        string? note = null;
        if (positiveWidths < 2)
        {
            note = $"Power law not fitted: it needs y > 0 at at least 2 distinct widths, but only {positiveWidths} " +
                   $"distinct width(s) have y > 0 ({excluded} of {points.Count} point(s) had y <= 0 and were excluded).";
        }
        else
        {
            double[] lnW = positive.Select(p => Math.Log(p.Width)).ToArray();
            double[] lnY = positive.Select(p => Math.Log(p.Value)).ToArray();
            var (intercept, slope) = MathNet.Numerics.Fit.Line(lnW, lnY);
            coefficient = Math.Exp(intercept);
            exponent = -slope;
            powerR2 = RSquared(lnW, lnY, intercept, slope);
        }

        var steps = new WidthCurveStep[byWidth.Length - 1];
        for (int i = 0; i < steps.Length; i++)
        {
            var from = byWidth[i];
            var to = byWidth[i + 1];
            double doublings = Math.Log2(to.Width / from.Width);
            double change = to.MeanY - from.MeanY;
            steps[i] = new WidthCurveStep(from.Width, to.Width, doublings, change, change / doublings);
        }

        // Judged over all steps with their noise (a curvature test), not the first step against the last.
        bool? diminishing = Statistics.WidthTrend.Of(points).DiminishingReturns;

        return new WidthCurveFit
        {
            PointCount = points.Count,
            DistinctWidthCount = byWidth.Length,
            PowerLawCoefficient = coefficient,
            PowerLawExponent = exponent,
            PowerLawRSquared = powerR2,
            PowerLawNote = note,
            PowerLawExcludedPointCount = excluded,
            SlopePerDoubling = d,
            LogLinearIntercept = c,
            LogLinearRSquared = logLinearR2,
            Steps = Array.AsReadOnly(steps),
            DiminishingReturns = diminishing,
        };
    }

    private static double? RSquared(double[] x, double[] observed, double intercept, double slope)
    {
        // R^2 is undefined when the observations have no variance (e.g. perfectly flat data).
        double first = observed[0];
        if (observed.All(v => v == first))
        {
            return null;
        }

        double[] modelled = x.Select(v => intercept + slope * v).ToArray();

        // GoodnessOfFit.RSquared is a squared correlation; a constant model (slope exactly 0) makes it
        // NaN although the fit explains none of the variance, so report 0 there.
        double r2 = GoodnessOfFit.RSquared(modelled, observed);
        return double.IsNaN(r2) ? 0.0 : r2;
    }
}
