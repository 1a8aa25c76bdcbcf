namespace WidthRetrain.Dashboard.Curve;

/// <summary>A fitted law of forgetting against width, as a formula in percentage points and as a line to draw.</summary>
/// <param name="Formula">The law with its intervals and its test against a flat line, in points.</param>
/// <param name="Quality">What it was fitted to (points and widths).</param>
/// <param name="Line">The law evaluated from the narrowest measured width to the forecast width (fractions).</param>
public sealed record CurveFit(string Model, string Formula, string Quality, IReadOnlyList<CurveSample> Line);

/// <summary>The law's forgetting (a fraction) at one width.</summary>
public sealed record CurveSample(double Width, double Forgetting);
