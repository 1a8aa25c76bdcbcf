using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Dashboard.Curve;

/// <summary>
/// The width curve: every measured arm, the law fitted to the width steps when it beats a flat line (the offset power
/// law, else the log-linear law; the report's test), and the forecast of the next step; a forecast is not a measurement.
/// </summary>
/// <param name="Note">Why no law is drawn (e.g. "flat: no width trend distinguishable (...)"), when none is.</param>
public sealed record WidthCurveView(IReadOnlyList<CurvePoint> Points, CurveFit? Fit, WidthForecast? Forecast, string? Note);
