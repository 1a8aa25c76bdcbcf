using WidthRetrain.Investment.Policies;

namespace WidthRetrain.Investment.Scaling;

/// <summary>The forgetting measured at each width, as the fits and forecasts take it.</summary>
public static class MeasuredWidthCurve
{
    /// <summary>
    /// One point per width: its last measurement, widths in the order first measured. The order is kept because the
    /// forecast's floating-point sums follow it, and a replayed decision must match the recorded one to the bit.
    /// </summary>
    public static IReadOnlyList<WidthCurvePoint> Of(IEnumerable<(int Width, double Forgetting)> measured) =>
        [.. measured.GroupBy(m => m.Width).Select(g => new WidthCurvePoint(g.Key, g.Last().Forgetting))];

    /// <summary>Every width step's incumbent and candidate (lever pilots retrain a measured width with a change, so they are left out).</summary>
    public static IReadOnlyList<WidthCurvePoint> Of(IEnumerable<StageRecord> stages) =>
        Of(stages.Where(s => !s.IsLeverPilot).SelectMany(s => new[]
        {
            (s.Comparison.IncumbentWidth, s.Comparison.IncumbentForgetting),
            (s.Comparison.CandidateWidth, s.Comparison.CandidateForgetting),
        }));
}
