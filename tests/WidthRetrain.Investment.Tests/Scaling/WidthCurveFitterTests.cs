using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Investment.Tests.Scaling;

public class WidthCurveFitterTests
{
    private static readonly double[] Widths = [32, 64, 128, 256, 512, 1024, 2048, 4096];

    [Fact]
    public void ExactPowerLaw_IsRecovered()
    {
        var points = Widths.Select(w => new WidthCurvePoint(w, 0.4 * Math.Pow(w, -0.3))).ToArray();

        var fit = WidthCurveFitter.Fit(points);

        Assert.True(Math.Abs(fit.PowerLawExponent!.Value - 0.3) < 1e-9, $"b = {fit.PowerLawExponent}");
        Assert.True(Math.Abs(fit.PowerLawCoefficient!.Value - 0.4) < 1e-9, $"a = {fit.PowerLawCoefficient}");
        Assert.Equal(1.0, fit.PowerLawRSquared!.Value, 9);
        Assert.Null(fit.PowerLawNote);
        Assert.Equal(0, fit.PowerLawExcludedPointCount);
        Assert.Equal(8, fit.PointCount);
        Assert.Equal(8, fit.DistinctWidthCount);
        Assert.Equal(0.4 * Math.Pow(100, -0.3), fit.Predict(100)!.Value, 9);
        Assert.True(fit.SlopePerDoubling < 0);
        Assert.Equal(7, fit.Steps.Count);
        // A decaying power law gains less per doubling as width grows.
        Assert.True(fit.DiminishingReturns);
    }

    [Fact]
    public void NoisyPowerLaw_ExponentWithinTolerance()
    {
        var rng = new Random(1);
        var points = new List<WidthCurvePoint>();
        foreach (double w in Widths)
        {
            for (int seed = 0; seed < 3; seed++)
            {
                double noise = 1.0 + 0.05 * (2.0 * rng.NextDouble() - 1.0); // multiplicative, +-5%
                points.Add(new WidthCurvePoint(w, 0.4 * Math.Pow(w, -0.3) * noise));
            }
        }

        var fit = WidthCurveFitter.Fit(points);

        Assert.True(Math.Abs(fit.PowerLawExponent!.Value - 0.3) < 0.05, $"b = {fit.PowerLawExponent}");
        Assert.Equal(24, fit.PointCount);
        Assert.Equal(8, fit.DistinctWidthCount);
    }

    [Fact]
    public void FlatData_GivesZeroExponentAndSlope()
    {
        var points = Widths.SelectMany(w => new[] { new WidthCurvePoint(w, 0.25), new WidthCurvePoint(w, 0.25) }).ToArray();

        var fit = WidthCurveFitter.Fit(points);

        Assert.True(Math.Abs(fit.PowerLawExponent!.Value) < 1e-12, $"b = {fit.PowerLawExponent}");
        Assert.True(Math.Abs(fit.SlopePerDoubling) < 1e-12, $"d = {fit.SlopePerDoubling}");
        Assert.Equal(0.25, fit.PowerLawCoefficient!.Value, 12);
        Assert.Equal(0.25, fit.LogLinearIntercept, 12);
        Assert.NotEqual(true, fit.DiminishingReturns);
        // No variance in y: R^2 is undefined, reported as null rather than NaN.
        Assert.Null(fit.LogLinearRSquared);
        Assert.Null(fit.PowerLawRSquared);
        Assert.All(fit.Steps, s => Assert.Equal(0.0, s.Change));
    }

    [Fact]
    public void ExactLogLinear_IsRecovered()
    {
        // y = 1 + 0.5 * log2(W)
        var points = Widths.Select(w => new WidthCurvePoint(w, 1 + 0.5 * Math.Log2(w))).ToArray();

        var fit = WidthCurveFitter.Fit(points);

        Assert.Equal(0.5, fit.SlopePerDoubling, 12);
        Assert.Equal(1.0, fit.LogLinearIntercept, 12);
        Assert.Equal(1.0, fit.LogLinearRSquared!.Value, 12);
        // Constant gain per doubling: no curvature, so neither diminishing nor increasing returns.
        Assert.Null(fit.DiminishingReturns);
    }

    [Fact]
    public void NonPositiveValues_AreExcludedFromPowerLawAndCounted()
    {
        // Positive points lie exactly on y = 2 * W^-0.5 at widths 4, 16, 64.
        WidthCurvePoint[] points =
        [
            new(4, 1.0),
            new(8, 0.0),
            new(16, 0.5),
            new(16, -0.2),
            new(64, 0.25),
        ];

        var fit = WidthCurveFitter.Fit(points);

        Assert.Equal(2, fit.PowerLawExcludedPointCount);
        Assert.Null(fit.PowerLawNote);
        Assert.Equal(0.5, fit.PowerLawExponent!.Value, 12);
        Assert.Equal(2.0, fit.PowerLawCoefficient!.Value, 12);
        Assert.Equal(4, fit.DistinctWidthCount);
    }

    [Fact]
    public void TooFewPositiveWidths_PowerLawIsNullWithNote()
    {
        WidthCurvePoint[] points = [new(32, 0.2), new(32, 0.1), new(64, 0.0), new(128, -0.1)];

        var fit = WidthCurveFitter.Fit(points);

        Assert.Null(fit.PowerLawCoefficient);
        Assert.Null(fit.PowerLawExponent);
        Assert.Null(fit.PowerLawRSquared);
        Assert.Null(fit.Predict(256));
        Assert.Equal(2, fit.PowerLawExcludedPointCount);
        Assert.NotNull(fit.PowerLawNote);
        Assert.Contains("2 distinct widths", fit.PowerLawNote);
        // The log-linear fit still uses every point.
        Assert.True(fit.SlopePerDoubling < 0);
    }

    [Fact]
    public void SingleDistinctWidth_Throws_NamingPoints()
    {
        WidthCurvePoint[] points = [new(64, 0.2), new(64, 0.3), new(64, 0.25)];

        var ex = Assert.Throws<ArgumentException>(() => WidthCurveFitter.Fit(points));

        Assert.Equal("points", ex.ParamName);
        Assert.Contains("at least 2 distinct widths", ex.Message);
        Assert.Contains("points", ex.Message);
    }

    [Fact]
    public void Empty_Throws_NamingPoints()
    {
        var ex = Assert.Throws<ArgumentException>(() => WidthCurveFitter.Fit([]));
        Assert.Equal("points", ex.ParamName);
    }

    [Fact]
    public void Steps_MatchHandComputation()
    {
        // Input deliberately unsorted, several seeds per width.
        // mean(32)  = (0.40 + 0.30) / 2 = 0.35
        // mean(64)  = 0.25
        // mean(256) = (0.20 + 0.10) / 2 = 0.15
        // 32 -> 64:  doublings log2(2) = 1, change 0.25 - 0.35 = -0.10, per doubling -0.10
        // 64 -> 256: doublings log2(4) = 2, change 0.15 - 0.25 = -0.10, per doubling -0.05
        // |-0.05| < |-0.10|, but two seeds 10 points apart at 32 and 256: over all steps with their noise the
        // curvature is not distinguishable, so no diminishing returns are claimed.
        WidthCurvePoint[] points = [new(256, 0.20), new(32, 0.40), new(64, 0.25), new(32, 0.30), new(256, 0.10)];

        var fit = WidthCurveFitter.Fit(points);

        Assert.Equal(2, fit.Steps.Count);
        var s0 = fit.Steps[0];
        Assert.Equal(32, s0.FromWidth);
        Assert.Equal(64, s0.ToWidth);
        Assert.Equal(1.0, s0.Doublings, 12);
        Assert.Equal(-0.10, s0.Change, 12);
        Assert.Equal(-0.10, s0.ChangePerDoubling, 12);
        var s1 = fit.Steps[1];
        Assert.Equal(64, s1.FromWidth);
        Assert.Equal(256, s1.ToWidth);
        Assert.Equal(2.0, s1.Doublings, 12);
        Assert.Equal(-0.10, s1.Change, 12);
        Assert.Equal(-0.05, s1.ChangePerDoubling, 12);
        Assert.Null(fit.DiminishingReturns);
    }

    [Fact]
    public void OneStep_DiminishingReturnsIsNull()
    {
        var fit = WidthCurveFitter.Fit([new(32, 0.3), new(64, 0.2)]);
        Assert.Single(fit.Steps);
        Assert.Null(fit.DiminishingReturns);
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(-1.0, 0.1)]
    [InlineData(double.NaN, 0.1)]
    [InlineData(32.0, double.PositiveInfinity)]
    public void InvalidPoint_Throws(double width, double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WidthCurvePoint(width, value));
    }
}
