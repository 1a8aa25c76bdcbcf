using MathNet.Numerics.Distributions;

namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// The F-test of a fitted curve against the flat (constant) model: does width explain more of the variation than
/// noise would? <see cref="Df1"/> is the fit's parameters minus one, <see cref="Df2"/> the points minus its parameters,
/// so 4 points and a 3-parameter law leave 1 degree of freedom and need a large F. For a nonlinear law the test is
/// approximate (its parameters were chosen to fit).
/// </summary>
public sealed record FlatModelTest(double F, int Df1, int Df2, double P)
{
    /// <summary>Null when the fit has no residual degrees of freedom (as many points as parameters): nothing to test against.</summary>
    public static FlatModelTest? Of(IReadOnlyList<double> y, double fitSse, int parameters)
    {
        int df1 = parameters - 1, df2 = y.Count - parameters;
        if (df1 < 1 || df2 < 1) return null;
        double mean = y.Average();
        double flatSse = y.Sum(v => (v - mean) * (v - mean));
        if (flatSse <= 0) return new FlatModelTest(0, df1, df2, 1); // no variation at all: nothing for width to explain
        double gained = Math.Max(0, flatSse - fitSse) / df1;
        double residual = fitSse / df2;
        if (residual <= flatSse * 1e-15) return new FlatModelTest(double.PositiveInfinity, df1, df2, 0); // an exact fit
        double f = gained / residual;
        return new FlatModelTest(f, df1, df2, 1 - FisherSnedecor.CDF(df1, df2, f));
    }

    public bool Beats(double confidence) => P < 1 - confidence;
}
