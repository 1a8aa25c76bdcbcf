namespace WidthRetrain.Investment.Statistics;

/// <summary>An estimated value with its confidence interval.</summary>
public sealed record Interval(double Value, double Low, double High)
{
    public bool ExcludesZero => Low > 0 || High < 0;
}
