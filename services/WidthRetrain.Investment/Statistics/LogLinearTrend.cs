namespace WidthRetrain.Investment.Statistics;

/// <summary>y = c + d · log2 W: <see cref="SlopePerDoubling"/> is d with its interval; <see cref="VsFlat"/> null with 2 points.</summary>
public sealed record LogLinearTrend(Interval SlopePerDoubling, double Intercept, FlatModelTest? VsFlat)
{
    public double Predict(double width) => Intercept + SlopePerDoubling.Value * Math.Log2(width);
}
