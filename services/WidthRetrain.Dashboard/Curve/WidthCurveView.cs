using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Dashboard.Curve;

/// <summary>
/// The width curve: every measured arm, the law fitted to the width steps (the offset power law with 3 widths or more,
/// else the log-linear fit with 2), and the forecast of the next step; a forecast is not a measurement.
/// </summary>
/// <param name="Note">Why there is no fit or forecast, when there is none.</param>
public sealed record WidthCurveView(IReadOnlyList<CurvePoint> Points, CurveFit? Fit, WidthForecast? Forecast, string? Note);
