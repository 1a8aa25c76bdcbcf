using MathNet.Numerics.Distributions;

namespace WidthRetrain.Investment.Scaling;

/// <summary>
/// Forecasts the forgetting reduction of a width step from the measured width curve, with two models: the power law
/// with offset (needs 3 widths) and the log-linear fit F = c + d * log2 W (needs 2). The interval spans both models'
/// forecasts widened by t * residual std * sqrt 2 (the difference of two noisy predictions): a heuristic that is
/// honest about model disagreement and noise, not an exact prediction interval.
/// </summary>
public static class WidthForecaster
{
    public static WidthForecast? Forecast(IReadOnlyList<WidthCurvePoint> points, double fromWidth, double toWidth, double confidence = 0.95)
    {
        int distinct = points.Select(p => p.Width).Distinct().Count();
        if (distinct < 2) return null;
        WidthCurveFit logLinear = WidthCurveFitter.Fit(points);
        double linearGain = -logLinear.SlopePerDoubling * Math.Log2(toWidth / fromWidth);
        double linearStd = ResidualStd(points, w => logLinear.LogLinearIntercept + logLinear.SlopePerDoubling * Math.Log2(w), 2);
        OffsetPowerLaw? power = OffsetPowerLaw.Fit(points);
        var gains = new List<double> { linearGain };
        double std = linearStd;
        string models = "log-linear";
        if (power is not null)
        {
            gains.Add(power.Predict(fromWidth) - power.Predict(toWidth));
            std = Math.Max(std, power.ResidualStd);
            models = "log-linear and power law with offset";
        }
        int dof = Math.Max(1, points.Count - (power is null ? 2 : 3));
        double allowance = StudentT.InvCDF(0, 1, dof, 1 - (1 - confidence) / 2) * std * Math.Sqrt(2);
        return new WidthForecast(fromWidth, toWidth, gains.Average(), gains.Min() - allowance, gains.Max() + allowance, models);
    }

    private static double ResidualStd(IReadOnlyList<WidthCurvePoint> points, Func<double, double> model, int parameters) =>
        points.Count > parameters ? Math.Sqrt(points.Sum(p => Math.Pow(p.Value - model(p.Width), 2)) / (points.Count - parameters)) : 0;
}
