using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
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
        // The same test as the report: a law is drawn only when it beats a flat line; otherwise the page says so.
        WidthTrend trend = WidthTrend.Of(measured);
        string words = string.Join("; ", StatisticsText.Trend(trend));
        string caveat = forecast is null ? "" : StatisticsText.ForecastCaveat(trend);
        if (trend.Shown is not { } law)
            return new WidthCurveView(points, null, forecast, caveat.Length == 0 ? words : $"{words}; {caveat}");
        string model = trend.PowerLawBeatsFlat ? "power law with offset" : "log-linear";
        return new WidthCurveView(points, new CurveFit(model, words, $"{trend.Points} points at {trend.Widths} widths", Line(narrowest, to, law)), forecast, null);
    }

    private static CurvePoint Point(Planner.Projections.WidthCurvePoint p, bool pilot)
    {
        ArmEvidence e = p.Evidence;
        return new CurvePoint(p.Stage, e.Arm, e.Width, e.Seeds, pilot, e.Forgetting, e.AverageAccuracy);
    }

    /// <summary>Log-spaced samples: the width axis is drawn in log2.</summary>
    private static CurveSample[] Line(double from, double to, Func<double, double> law) =>
        [.. Enumerable.Range(0, Samples).Select(i => Math.Pow(2, Math.Log2(from) + (Math.Log2(to) - Math.Log2(from)) * i / (Samples - 1)))
            .Select(w => new CurveSample(w, law(w)))];
}
