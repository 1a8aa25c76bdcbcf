using System.Text.Json.Serialization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// What the data say about a value (e.g. forgetting) against width, honestly: the log-linear law and the power law
/// with offset, each with intervals and tested against the flat model; the change per doubling of every step, with
/// intervals; and whether later doublings change the value less (a curvature test over all steps, not the first
/// against the last). A law is <see cref="Shown"/> only when it beats the flat model at <see cref="Confidence"/>.
/// Works on every point given (several per width, one per seed, give honest degrees of freedom). Pure.
/// </summary>
public sealed record WidthTrend(
    int Points,
    int Widths,
    double Confidence,
    LogLinearTrend? LogLinear,
    OffsetPowerTrend? PowerLaw,
    CurvatureTest? Curvature,
    IReadOnlyList<StepChange> Steps)
{
    public bool LogLinearBeatsFlat => LogLinear?.VsFlat?.Beats(Confidence) == true;

    public bool PowerLawBeatsFlat => PowerLaw?.VsFlat?.Beats(Confidence) == true;

    /// <summary>No law beats the flat model (or none could be tested): no width trend is distinguishable.</summary>
    public bool IsFlat => !LogLinearBeatsFlat && !PowerLawBeatsFlat;

    /// <summary>The law to draw: the power law with offset when it beats flat, else the log-linear law when it does, else none.</summary>
    [JsonIgnore]
    public Func<double, double>? Shown =>
        PowerLawBeatsFlat ? PowerLaw!.Fit.Predict : LogLinearBeatsFlat ? LogLinear!.Predict : null;

    /// <summary>
    /// For a value where lower is better: true when later doublings reduce it significantly less (curvature &gt; 0 with
    /// its interval above 0), false when significantly more, null when not distinguishable or not testable.
    /// </summary>
    public bool? DiminishingReturns => Curvature is not { } c || !c.Curvature.ExcludesZero ? null : c.Curvature.Value > 0;

    public static WidthTrend Of(IReadOnlyList<WidthCurvePoint> points, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(points);
        int widths = points.Select(p => p.Width).Distinct().Count();
        double[] y = [.. points.Select(p => p.Value)];
        double[] x = [.. points.Select(p => Math.Log2(p.Width))];
        LogLinearTrend? linear = null;
        CurvatureTest? curvature = null;
        if (widths >= 2)
        {
            Regression r = Regression.Of(x, y, 1, confidence);
            linear = new LogLinearTrend(r.Coefficient(1), r.Beta[0], FlatModelTest.Of(y, r.Sse, 2));
        }
        if (widths >= 3 && points.Count >= 4)
        {
            Regression q = Regression.Of(x, y, 2, confidence);
            Interval e = q.Coefficient(2);
            double se = q.StdErrors[2];
            // A curvature at rounding level (data exactly on a line) is none: its tiny standard error would make it "significant".
            bool none = Math.Abs(e.Value) <= 1e-12 * Math.Max(1, y.Max(Math.Abs));
            if (none) e = new Interval(0, Math.Min(0, e.Low), Math.Max(0, e.High));
            double p = none ? 1 : se > 0 ? 2 * (1 - StudentT.CDF(0, 1, q.Dof, Math.Abs(e.Value) / se)) : 0;
            curvature = new CurvatureTest(e, p, q.Dof);
        }
        return new WidthTrend(points.Count, widths, confidence, linear, Power(points, y, confidence), curvature, StepsOf(points, confidence));
    }

    private static OffsetPowerTrend? Power(IReadOnlyList<WidthCurvePoint> points, double[] y, double confidence)
    {
        OffsetPowerLaw? fit = OffsetPowerLaw.Fit(points);
        if (fit is null) return null;
        double sse = points.Sum(p => Math.Pow(p.Value - fit.Predict(p.Width), 2));
        FlatModelTest? vsFlat = FlatModelTest.Of(y, sse, 3);
        int dof = points.Count - 3;
        if (dof < 1) return new OffsetPowerTrend(fit, null, null, null, vsFlat);
        // Asymptotic covariance s² (JᵀJ)⁻¹ with J the Jacobian in (c, a, b) at the fit.
        Matrix<double> j = Matrix<double>.Build.Dense(points.Count, 3, (i, k) =>
        {
            double w = points[i].Width, pw = Math.Pow(w, -fit.Exponent);
            return k switch { 0 => 1, 1 => pw, _ => -fit.Coefficient * pw * Math.Log(w) };
        });
        Matrix<double> jtj = j.TransposeThisAndMultiply(j);
        double det = jtj.Determinant();
        if (!double.IsFinite(det) || Math.Abs(det) < 1e-300) return new OffsetPowerTrend(fit, null, null, null, vsFlat);
        Matrix<double> cov = jtj.Inverse() * (sse / dof);
        double t = StudentT.InvCDF(0, 1, dof, 1 - (1 - confidence) / 2);
        Interval? Of(double value, int k) => cov[k, k] >= 0 && double.IsFinite(cov[k, k])
            ? new Interval(value, value - t * Math.Sqrt(cov[k, k]), value + t * Math.Sqrt(cov[k, k])) : null;
        return new OffsetPowerTrend(fit, Of(fit.Offset, 0), Of(fit.Coefficient, 1), Of(fit.Exponent, 2), vsFlat);
    }

    private static IReadOnlyList<StepChange> StepsOf(IReadOnlyList<WidthCurvePoint> points, double confidence)
    {
        var byWidth = points.GroupBy(p => p.Width).OrderBy(g => g.Key).Select(g => (Width: g.Key, Values: g.Select(p => p.Value).ToArray())).ToArray();
        var steps = new List<StepChange>();
        for (int i = 0; i + 1 < byWidth.Length; i++)
        {
            var (from, to) = (byWidth[i], byWidth[i + 1]);
            double doublings = Math.Log2(to.Width / from.Width);
            double change = to.Values.Average() - from.Values.Average();
            double? low = null, high = null;
            if (from.Values.Length > 1 && to.Values.Length > 1)
            {
                double va = Variance(from.Values) / from.Values.Length, vb = Variance(to.Values) / to.Values.Length;
                double se = Math.Sqrt(va + vb);
                // Welch–Satterthwaite degrees of freedom; with no spread at all the change is exact.
                double dof = se == 0 ? 1 : (va + vb) * (va + vb) / (va * va / (from.Values.Length - 1) + vb * vb / (to.Values.Length - 1));
                double half = StudentT.InvCDF(0, 1, dof, 1 - (1 - confidence) / 2) * se;
                (low, high) = ((change - half) / doublings, (change + half) / doublings);
            }
            steps.Add(new StepChange(from.Width, to.Width, change / doublings, low, high));
        }
        return steps;
    }

    private static double Variance(double[] v)
    {
        double m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / (v.Length - 1);
    }
}
