using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace WidthRetrain.Investment.Statistics;

/// <summary>Ordinary least squares of y on a polynomial in x, with the coefficients' Student-t intervals.</summary>
internal sealed record Regression(double[] Beta, double[] StdErrors, double Sse, int Dof, double TQuantile, double Confidence)
{
    public Interval Coefficient(int k) => double.IsFinite(StdErrors[k])
        ? new Interval(Beta[k], Beta[k] - TQuantile * StdErrors[k], Beta[k] + TQuantile * StdErrors[k])
        : new Interval(Beta[k], double.NegativeInfinity, double.PositiveInfinity);

    public static Regression Of(double[] x, double[] y, int degree, double confidence)
    {
        int n = y.Length, p = degree + 1;
        // Centred x keeps the normal equations well conditioned; the top coefficient (slope, curvature) is unchanged by it.
        double mx = x.Average();
        Matrix<double> design = Matrix<double>.Build.Dense(n, p, (i, k) => Math.Pow(x[i] - mx, k));
        Vector<double> beta = design.QR().Solve(Vector<double>.Build.DenseOfArray(y));
        double sse = (design * beta - Vector<double>.Build.DenseOfArray(y)).Sum(r => r * r);
        int dof = n - p;
        double[] se = new double[p];
        double t = double.NaN;
        if (dof >= 1)
        {
            Matrix<double> cov = design.TransposeThisAndMultiply(design).Inverse() * (sse / dof);
            for (int k = 0; k < p; k++) se[k] = Math.Sqrt(Math.Max(0, cov[k, k]));
            t = StudentT.InvCDF(0, 1, dof, 1 - (1 - confidence) / 2);
        }
        else Array.Fill(se, double.PositiveInfinity); // as many points as parameters: no spread is known
        double[] b = [.. beta];
        // Back to the uncentred intercept, which the log-linear law reports (c = value at W = 1).
        if (degree == 1) b[0] -= b[1] * mx;
        return new Regression(b, se, sse, dof, t, confidence);
    }
}
