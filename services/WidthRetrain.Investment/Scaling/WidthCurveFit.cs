namespace WidthRetrain.Investment.Scaling;

/// <summary>
/// Result of fitting a value-versus-width curve: a power law, a log-linear fit and
/// the step-by-step changes between consecutive widths. Produced by <see cref="WidthCurveFitter.Fit"/>.
/// </summary>
public sealed record WidthCurveFit
{
    /// <summary>Total number of input points.</summary>
    public required int PointCount { get; init; }

    /// <summary>Number of distinct widths among the input points.</summary>
    public required int DistinctWidthCount { get; init; }

    /// <summary>Power law y = a * W^(-b): the coefficient a = exp(intercept of ln y on ln W). Null when the power law could not be fitted.</summary>
    public required double? PowerLawCoefficient { get; init; }

    /// <summary>Power law y = a * W^(-b): the exponent b = -(slope of ln y on ln W); positive means y falls with width. Null when not fitted.</summary>
    public required double? PowerLawExponent { get; init; }

    /// <summary>R^2 of the OLS fit of ln y on ln W. Null when not fitted, or when ln y has no variance (R^2 undefined).</summary>
    public required double? PowerLawRSquared { get; init; }

    /// <summary>Why the power law is missing (null when it was fitted).</summary>
    public required string? PowerLawNote { get; init; }

    /// <summary>Points with y &lt;= 0, left out of the power-law fit because ln y is undefined for them.</summary>
    public required int PowerLawExcludedPointCount { get; init; }

    /// <summary>Log-linear y = c + d * log2(W): d, the change in y per doubling of width.</summary>
    public required double SlopePerDoubling { get; init; }

    /// <summary>Log-linear y = c + d * log2(W): c, the value at W = 1.</summary>
    public required double LogLinearIntercept { get; init; }

    /// <summary>R^2 of the log-linear fit. Null when y has no variance (R^2 undefined).</summary>
    public required double? LogLinearRSquared { get; init; }

    /// <summary>Changes of the mean y between consecutive distinct widths, in increasing width order.</summary>
    public required IReadOnlyList<WidthCurveStep> Steps { get; init; }

    /// <summary>
    /// For a value where lower is better (forgetting): true when later doublings reduce it significantly less than
    /// earlier ones over all steps (curvature in log2 W above 0 at 95 %, see <see cref="Statistics.WidthTrend"/>),
    /// false when significantly more, null when not distinguishable or too few widths (3) and points (4) to judge.
    /// </summary>
    public required bool? DiminishingReturns { get; init; }

    /// <summary>Power-law prediction a * W^(-b); null when the power law was not fitted.</summary>
    /// <param name="width">Width W, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not finite or &lt;= 0.</exception>
    public double? Predict(double width)
    {
        if (!double.IsFinite(width) || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Width must be finite and > 0.");
        }

        if (PowerLawCoefficient is not double a || PowerLawExponent is not double b)
        {
            return null;
        }

        return a * Math.Pow(width, -b);
    }
}

/// <summary>
/// Change of the mean value between two consecutive distinct widths.
/// </summary>
/// <param name="FromWidth">Smaller width.</param>
/// <param name="ToWidth">Next larger width.</param>
/// <param name="Doublings">log2(ToWidth / FromWidth).</param>
/// <param name="Change">meanY(ToWidth) - meanY(FromWidth).</param>
/// <param name="ChangePerDoubling">Change / Doublings, so steps of unequal size compare fairly.</param>
public sealed record WidthCurveStep(
    double FromWidth,
    double ToWidth,
    double Doublings,
    double Change,
    double ChangePerDoubling);
