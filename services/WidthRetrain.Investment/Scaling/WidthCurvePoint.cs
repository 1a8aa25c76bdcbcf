using System.Globalization;

namespace WidthRetrain.Investment.Scaling;

/// <summary>
/// One observation of a width-scaling curve: a model of width <see cref="Width"/> gave value
/// <see cref="Value"/> (e.g. forgetting). Several points may share a width (one per seed).
/// </summary>
public sealed record WidthCurvePoint
{
    /// <summary>Creates a point.</summary>
    /// <param name="width">Model width; finite and &gt; 0 (the fits take its logarithm).</param>
    /// <param name="value">Observed value; finite. Values &lt;= 0 are allowed but excluded from the power-law fit.</param>
    /// <exception cref="ArgumentOutOfRangeException">Width not finite or &lt;= 0, or value not finite.</exception>
    public WidthCurvePoint(double width, double value)
    {
        if (!double.IsFinite(width) || width <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), width, $"Width must be finite and > 0 (got {width.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, $"Value must be finite (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }

        Width = width;
        Value = value;
    }

    /// <summary>Model width W (&gt; 0).</summary>
    public double Width { get; }

    /// <summary>Observed value y at this width.</summary>
    public double Value { get; }
}
