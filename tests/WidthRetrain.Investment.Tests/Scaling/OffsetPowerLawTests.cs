using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Investment.Tests.Scaling;

public class OffsetPowerLawTests
{
    private static readonly double[] Widths = [32, 64, 128, 256, 512, 1024, 2048];

    [Fact]
    public void RecoversAKnownLawWithOffset()
    {
        var points = Widths.Select(w => new WidthCurvePoint(w, 0.2 + 0.5 * Math.Pow(w, -0.4))).ToArray();
        OffsetPowerLaw fit = OffsetPowerLaw.Fit(points)!;
        Assert.Equal(0.4, fit.Exponent, 3);
        Assert.Equal(0.2, fit.Offset, 3);
        Assert.Equal(0.5, fit.Coefficient, 2);
        Assert.True(fit.ResidualStd < 1e-5);
    }

    [Fact]
    public void FlatData_ForecastsNoGain()
    {
        var points = Widths.Select(w => new WidthCurvePoint(w, 0.3)).ToArray();
        OffsetPowerLaw fit = OffsetPowerLaw.Fit(points)!;
        Assert.Equal(0.3, fit.Predict(4096), 6);
        WidthForecast f = WidthForecaster.Forecast(points, 2048, 4096)!;
        Assert.Equal(0, f.Gain, 6);
        Assert.InRange(0.0, f.Low, f.High);
    }

    [Fact]
    public void NeedsThreeWidths_AndTheForecasterFallsBackToLogLinear()
    {
        var two = new[] { new WidthCurvePoint(32, 0.3), new WidthCurvePoint(64, 0.28) };
        Assert.Null(OffsetPowerLaw.Fit(two));
        WidthForecast f = WidthForecaster.Forecast(two, 64, 128)!;
        Assert.Equal("log-linear", f.Models);
        Assert.Equal(0.02, f.Gain, 9); // one more doubling at the same slope
        Assert.Null(WidthForecaster.Forecast([new WidthCurvePoint(32, 0.3)], 32, 64));
    }
}
