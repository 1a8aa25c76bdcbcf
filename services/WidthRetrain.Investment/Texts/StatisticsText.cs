using System.Globalization;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;

namespace WidthRetrain.Investment.Texts;

/// <summary>
/// The words for tests and fits, in percentage points, wherever they are shown (report, sweep, replay): a winner or a
/// trend only when the test supports it, otherwise "not distinguishable" with the numbers behind it.
/// </summary>
public static class StatisticsText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Which width forgets least, and whether that is a finding: "w256 forgets least: ...", "no width distinguishable (...)".</summary>
    public static string Ranking(WidthRanking r, string quantity = "forgetting")
    {
        if (r.Best is not { } best) return "no arm measured";
        if (r.Rivals.Count == 0) return $"one width only ({best.Arm}): nothing to compare";
        if (!r.Testable)
            return $"one seed: no test is possible, so no width is distinguishable (lowest {quantity}: {best.Arm}, {Pts(best.Mean)}; run two seeds or more)";
        RivalComparison closest = r.Closest!;
        string test = $"n = {r.Seeds} seeds, paired t-test across seeds{(r.Rivals.Count > 1 ? $", Holm-corrected for {r.Rivals.Count} comparisons" : "")}";
        if (r.Winner is { } w)
            return $"{w.Arm} has the least {quantity}: {Pts(closest.Difference.Mean)} less than the closest, {closest.Arm} ({Range(closest.Difference)}; {test}; adjusted p = {P(closest.AdjustedP)})";
        return $"no width distinguishable ({test}): lowest mean {best.Arm} ({Pts(best.Mean)}); the closest other, {closest.Arm}, {MoreOrLess(closest.Difference.Mean, quantity)} ({Range(closest.Difference)}, adjusted p = {P(closest.AdjustedP)})";
    }

    /// <summary>The trend in one line: the laws that beat flat with their intervals, else "flat: no width trend distinguishable (...)".</summary>
    public static IReadOnlyList<string> Trend(WidthTrend t, string quantity = "forgetting")
    {
        if (t.Widths < 2) return ["one width only: nothing to fit"];
        var lines = new List<string>();
        if (t.IsFlat)
        {
            lines.Add(t.LogLinear?.VsFlat is { } f
                ? $"flat: no width trend distinguishable (log-linear slope {Signed(t.LogLinear.SlopePerDoubling.Value)} per doubling {Range(t.LogLinear.SlopePerDoubling)}, {FTest(f)}; n = {t.Points} points at {t.Widths} widths)"
                : $"flat: no width trend distinguishable ({t.Points} points at {t.Widths} widths leave no degree of freedom to test a slope)");
            return lines;
        }
        if (t.LogLinearBeatsFlat)
        {
            Interval s = t.LogLinear!.SlopePerDoubling;
            lines.Add($"log-linear: {quantity} changes by {Signed(s.Value)} per doubling of width {Range(s)} ({FTest(t.LogLinear.VsFlat!)})");
        }
        if (t.PowerLawBeatsFlat)
            lines.Add($"power law with offset: {quantity} = {PowerLaw(t.PowerLaw!)} ({FTest(t.PowerLaw!.VsFlat!)})");
        else if (t.PowerLaw?.VsFlat is { } pf)
            lines.Add($"power law with offset: not shown, it does not beat a flat line ({FTest(pf)})");
        return lines;
    }

    /// <summary>"c + a · W^-b" in points, each parameter with its interval when known; the exponent's sign printed once.</summary>
    public static string PowerLaw(OffsetPowerTrend p)
    {
        OffsetPowerLaw f = p.Fit;
        string exponent = Exponent(-f.Exponent);
        string expInterval = p.Exponent is { } e ? $" (b {Num(e.Value)} [{Num(e.Low)}, {Num(e.High)}])" : "";
        return $"{Pts(f.Offset)}{PointsRange(p.Offset)} + {Pts(f.Coefficient)}{PointsRange(p.Coefficient)} · W^{exponent}{expInterval}";
    }

    /// <summary>
    /// What a forecast from the width curve is worth: empty when a law beats a flat line, else a warning that it
    /// extrapolates noise (decisions keep using their recorded forecasts; this is for the reader).
    /// </summary>
    public static string ForecastCaveat(WidthTrend t) => t.IsFlat
        ? $"the measured width curve does not beat a flat line ({t.Points} points at {t.Widths} widths), so this forecast extrapolates noise"
        : "";

    /// <summary>An exponent with one sign: "-0.670", "0.670" (never "--0.670").</summary>
    public static string Exponent(double value) => value.ToString("0.000", Inv);

    /// <summary>Whether later doublings change the value less, over all steps, or that it cannot be told.</summary>
    public static string DiminishingReturns(WidthTrend t)
    {
        if (t.Curvature is not { } c)
            return $"diminishing returns: cannot be judged ({t.Widths} widths, {t.Points} points; needs 3 widths and 4 points)";
        string numbers = $"curvature {Signed(c.Curvature.Value)} per doubling² [{Pts(c.Curvature.Low)}, {Pts(c.Curvature.High)}], p = {P(c.P)}, over all {t.Steps.Count} steps";
        return t.DiminishingReturns switch
        {
            true => $"diminishing returns: later doublings reduce forgetting less than earlier ones ({numbers})",
            false => $"increasing returns: later doublings reduce forgetting more than earlier ones ({numbers})",
            null => $"diminishing returns: not distinguishable ({numbers})",
        };
    }

    /// <summary>A step's change per doubling in points with its interval: "-1.20 pts [-2.00, -0.40]".</summary>
    public static string Step(StepChange s) =>
        s.Low is { } lo && s.High is { } hi ? $"{Signed(s.PerDoubling)} [{Pts(lo)}, {Pts(hi)}]" : $"{Signed(s.PerDoubling)} (one value per width: no interval)";

    /// <summary>"forgets 3.38 pts more than" / "forgets 3.38 pts less than": the sign goes into the word, never a minus before "less".</summary>
    public static string MoreOrLess(double difference, string quantity = "forgetting") =>
        difference == 0 ? $"has the same {quantity}" : $"has {Pts(Math.Abs(difference))} {(difference > 0 ? "more" : "less")} {quantity}";

    private static string FTest(FlatModelTest f) =>
        $"F({f.Df1}, {f.Df2}) = {(double.IsPositiveInfinity(f.F) ? "inf" : f.F.ToString("0.00", Inv))}, p = {P(f.P)} against a flat line";

    private static string Range(Interval i) =>
        double.IsFinite(i.Low) && double.IsFinite(i.High) ? $"[{Pts(i.Low)}, {Pts(i.High)}]" : "[no interval: no residual degree of freedom]";

    private static string Range(PairedDifference d) => d.Low is { } lo && d.High is { } hi ? $"difference {Pts(d.Mean)} [{Pts(lo)}, {Pts(hi)}]" : $"difference {Pts(d.Mean)}";

    private static string PointsRange(Interval? i) => i is null ? "" : $" [{NumberText.Percent(i.Low)}, {NumberText.Percent(i.High)}]";

    private static string Pts(double v) => NumberText.Points(v);

    private static string Signed(double v) => (v > 0 ? "+" : "") + NumberText.Points(v);

    private static string Num(double v) => v.ToString("0.000", Inv);

    private static string P(double? p) => p is null ? "-" : p < 0.001 ? "< 0.001" : p.Value.ToString("0.000", Inv);
}
