namespace WidthRetrain.Investment.Scaling;

/// <summary>A forecast forgetting reduction between two widths, with an interval, and the models behind it.</summary>
/// <param name="Gain">Forgetting at the from-width minus forgetting at the to-width (positive = less forgetting).</param>
/// <param name="Low">Lower end: the smaller of the two models' gains minus the residual allowance.</param>
/// <param name="High">Upper end: the larger of the two models' gains plus the residual allowance.</param>
public sealed record WidthForecast(double FromWidth, double ToWidth, double Gain, double Low, double High, string Models);
