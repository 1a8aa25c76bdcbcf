using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Tests.Statistics;

public class WidthTrendTests
{
    private static readonly int[] Widths = [32, 64, 128, 256];

    /// <summary>Three seeds per width around the given means, with the same ±1-point seed offsets at every width.</summary>
    private static WidthCurvePoint[] Points(double[] means, double noise = 0.01) =>
        [.. Widths.SelectMany((w, i) => new[] { -noise, 0.3 * noise, 0.7 * noise }.Select((n, s) => new WidthCurvePoint(w, means[i] + n * (s == 1 ? (i % 2 == 0 ? 1 : -1) : 1))))];

    [Fact]
    public void NoiseAroundAFlatLine_IsFlat_AndNoLawIsShown()
    {
        // The issue's case: 33.0-33.7 % with seed noise; an offset power law can pass through such means exactly.
        WidthTrend t = WidthTrend.Of(Points([0.335, 0.330, 0.337, 0.331], noise: 0.02));
        Assert.True(t.IsFlat);
        Assert.Null(t.Shown);
        string line = Assert.Single(StatisticsText.Trend(t));
        Assert.StartsWith("flat: no width trend distinguishable (log-linear slope", line);
        Assert.Contains("n = 12 points at 4 widths", line);
    }

    [Fact]
    public void FourMeansOnNoise_DoNotBeatFlat_EvenWhenThePowerLawFitsThemClosely()
    {
        // One mean per width: 4 points, the power law with offset has 1 residual degree of freedom, so it needs a huge F.
        WidthCurvePoint[] means = [new(32, 0.3370), new(64, 0.3312), new(128, 0.3319), new(256, 0.3325)];
        WidthTrend t = WidthTrend.Of(means);
        Assert.NotNull(t.PowerLaw);
        Assert.Equal(1, t.PowerLaw!.VsFlat!.Df2);
        Assert.False(t.PowerLawBeatsFlat);
        Assert.True(t.IsFlat);
    }

    [Fact]
    public void ASteadyFall_IsATrend_WithAnIntervalExcludingZero()
    {
        // 4 points fewer forgetting per doubling, ±1-point seed noise.
        WidthTrend t = WidthTrend.Of(Points([0.40, 0.36, 0.32, 0.28]));
        Assert.False(t.IsFlat);
        Assert.True(t.LogLinearBeatsFlat);
        Interval slope = t.LogLinear!.SlopePerDoubling;
        Assert.Equal(-0.04, slope.Value, 3);
        Assert.True(slope.High < 0);
        Assert.NotNull(t.Shown);
        Assert.Matches(@"^log-linear: forgetting changes by -4\.0\d pts per doubling of width \[-4\.\d\d pts, -3\.\d\d pts\] \(F\(1, 10\) = ", StatisticsText.Trend(t)[0]);
    }

    [Fact]
    public void APowerLawWithOffset_IsShownWithIntervals_AndOneSignInTheExponent()
    {
        // F = 0.20 + 0.8 W^-0.5 per seed with small noise, six widths.
        int[] widths = [16, 32, 64, 128, 256, 512];
        WidthCurvePoint[] pts = [.. widths.SelectMany(w => new[] { -0.002, 0.0, 0.002 }.Select(n => new WidthCurvePoint(w, 0.20 + 0.8 / Math.Sqrt(w) + n)))];
        WidthTrend t = WidthTrend.Of(pts);
        Assert.True(t.PowerLawBeatsFlat);
        Assert.Equal(0.5, t.PowerLaw!.Fit.Exponent, 1);
        Assert.True(t.PowerLaw.Exponent!.Low < 0.5 && t.PowerLaw.Exponent.High > 0.5);
        string text = StatisticsText.PowerLaw(t.PowerLaw);
        Assert.Contains("· W^-0.5", text);
        Assert.DoesNotContain("--", text);
        Assert.Equal("0.670", StatisticsText.Exponent(0.67));
        Assert.Equal("-0.670", StatisticsText.Exponent(-0.67));
    }

    [Fact]
    public void AForecastFromAFlatCurve_IsMarkedAsExtrapolatedNoise()
    {
        Assert.Contains("extrapolates noise", StatisticsText.ForecastCaveat(WidthTrend.Of(Points([0.335, 0.330, 0.337, 0.331], noise: 0.02))));
        Assert.Equal("", StatisticsText.ForecastCaveat(WidthTrend.Of(Points([0.40, 0.36, 0.32, 0.28]))));
    }

    [Fact]
    public void DiminishingReturns_IsJudgedOverAllSteps()
    {
        // Gains per doubling 8, 4, 2, 1 points: each later doubling buys less.
        int[] widths = [16, 32, 64, 128, 256];
        double[] means = [0.40, 0.32, 0.28, 0.26, 0.25];
        WidthCurvePoint[] pts = [.. widths.SelectMany((w, i) => new[] { -0.003, 0.0, 0.003 }.Select(n => new WidthCurvePoint(w, means[i] + n)))];
        WidthTrend t = WidthTrend.Of(pts);
        Assert.True(t.DiminishingReturns);
        Assert.All(t.Steps, s => Assert.True(s.High < 0));
        Assert.StartsWith("diminishing returns: later doublings reduce forgetting less", StatisticsText.DiminishingReturns(t));
    }

    [Fact]
    public void AFirstStepTheWrongWay_IsNotCalledDiminishingReturns()
    {
        // The sweep's old verdict compared only the first and last steps; here the first went up and the rest is noise.
        WidthTrend t = WidthTrend.Of(Points([0.043, 0.052, 0.028, 0.044], noise: 0.025));
        Assert.Null(t.DiminishingReturns);
        Assert.StartsWith("diminishing returns: not distinguishable (curvature", StatisticsText.DiminishingReturns(t));
    }

    [Fact]
    public void TooFewWidths_CannotBeJudged()
    {
        WidthTrend t = WidthTrend.Of([new(32, 0.3), new(32, 0.31), new(64, 0.29), new(64, 0.28)]);
        Assert.Null(t.Curvature);
        Assert.StartsWith("diminishing returns: cannot be judged", StatisticsText.DiminishingReturns(t));
        Assert.Single(t.Steps);
        Assert.NotNull(t.Steps[0].Low);
    }

    [Fact]
    public void Bounds_ClipOnlyTheInterval()
    {
        var e = new WidthRetrain.Contracts.Stages.Estimate(0.97, 0.02, 0.92, 1.02, 3);
        Assert.Equal("97.00 [92.00, 100.00]", NumberText.PercentInterval(e, Bounds.Unit));
        var f = new WidthRetrain.Contracts.Stages.Estimate(0.02, 0.02, -0.03, 0.07, 3);
        Assert.Equal("2.00 [0.00, 7.00]", NumberText.PercentInterval(f, Bounds.Unit));
        Assert.Equal("2.00 [-3.00, 7.00]", NumberText.PercentInterval(f, Bounds.Signed));
    }
}
