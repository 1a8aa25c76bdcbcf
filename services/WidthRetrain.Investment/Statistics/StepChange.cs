namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// The change of the mean between two consecutive widths, per doubling, with a Welch interval (null when either width
/// has a single value: no spread is known).
/// </summary>
public sealed record StepChange(double FromWidth, double ToWidth, double PerDoubling, double? Low, double? High);
