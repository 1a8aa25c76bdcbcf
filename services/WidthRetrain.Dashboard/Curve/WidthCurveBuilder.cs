using System.Globalization;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Store;
using Point = WidthRetrain.Investment.Scaling.WidthCurvePoint;

namespace WidthRetrain.Dashboard.Curve;

/// <summary>
/// Builds the <see cref="WidthCurveView"/> from the WidthCurve read model with the Investment fitters and forecaster (the
/// ones the report and the planner use). Pure.
/// </summary>
public static class WidthCurveBuilder
{
    private const int Samples = 40;

    public static WidthCurveView Build(WidthCurve? curve, CampaignHistory history)
    {
        HashSet<string> pilots = [.. history.Stages.Where(s => s.Lever is not null && s.Candidate is not null).Select(s => s.Candidate!)];
        CurvePoint[] points = [.. (curve?.Points ?? []).Select(p => Point(p, pilots.Contains(p.Evidence.Arm)))];
        // The width law is fitted to the latest measurement of each width, widths in the order first measured (as the planner does).
        IReadOnlyList<Point> measured = MeasuredWidthCurve.Of((curve?.Points ?? []).OrderBy(p => p.Stage)
            .Where(p => !pilots.Contains(p.Evidence.Arm)).Select(p => (p.Evidence.Width, p.Evidence.Forgetting.Mean)));
        int widths = measured.Select(p => p.Width).Distinct().Count();
        if (widths < 2)
            return new WidthCurveView(points, null, null, widths == 0 ? "no stage concluded yet" : "one width measured: a law needs two or more");
        double growth = history.Policy?.GrowthFactor ?? 2;
        double widest = measured.Max(p => p.Width), narrowest = measured.Min(p => p.Width);
        WidthForecast? forecast = WidthForecaster.Forecast(measured, widest, Math.Round(widest * growth));
        double to = forecast?.ToWidth ?? widest;
        CurveFit fit = OffsetPowerLaw.Fit(measured) is { } power
            ? new CurveFit("power law with offset", $"F(W) = {Pts(power.Offset)} {Signed(power.Coefficient)} · W^{Exponent(power.Exponent)} (pts)",
                $"residual std {Pts(power.ResidualStd)} pts over {power.Points} widths", Line(narrowest, to, power.Predict))
            : LogLinear(WidthCurveFitter.Fit(measured), narrowest, to);
        return new WidthCurveView(points, fit, forecast, null);
    }

    private static CurveFit LogLinear(WidthCurveFit f, double from, double to) =>
        new("log-linear", $"F(W) = {Pts(f.LogLinearIntercept)} {Signed(f.SlopePerDoubling)} · log2 W (pts; {Pts(f.SlopePerDoubling)} pts per doubling)",
            f.DistinctWidthCount == 2 ? "a line through 2 widths: nothing tests the law yet"
            : f.LogLinearRSquared is { } r2 ? $"R² {r2.ToString("0.00", CultureInfo.InvariantCulture)} over {f.DistinctWidthCount} widths" : $"exact through {f.DistinctWidthCount} widths",
            Line(from, to, w => f.LogLinearIntercept + f.SlopePerDoubling * Math.Log2(w)));

    private static CurvePoint Point(Planner.Projections.WidthCurvePoint p, bool pilot)
    {
        ArmEvidence e = p.Evidence;
        return new CurvePoint(p.Stage, e.Arm, e.Width, e.Seeds, pilot, e.Forgetting, e.AverageAccuracy);
    }

    /// <summary>Log-spaced samples: the width axis is drawn in log2.</summary>
    private static CurveSample[] Line(double from, double to, Func<double, double> law) =>
        [.. Enumerable.Range(0, Samples).Select(i => Math.Pow(2, Math.Log2(from) + (Math.Log2(to) - Math.Log2(from)) * i / (Samples - 1)))
            .Select(w => new CurveSample(w, law(w)))];

    private static string Pts(double fraction) => (100 * fraction).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"+ 1.20" or "− 1.20": one sign, never "+ -1.20".</summary>
    private static string Signed(double fraction) => (fraction < 0 ? "− " : "+ ") + Pts(Math.Abs(fraction));

    /// <summary>W^-0.67 for a law that falls with width, W^0.67 for one that rises: never "W^--0.67".</summary>
    private static string Exponent(double b) => (b >= 0 ? "-" : "") + Math.Abs(b).ToString("0.###", CultureInfo.InvariantCulture);
}
