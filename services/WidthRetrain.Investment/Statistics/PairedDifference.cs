namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// The mean of per-seed differences a − b over the seeds both have, with its Student-t interval and two-sided p-value
/// (the paired t-test). <see cref="P"/>, <see cref="Low"/> and <see cref="High"/> are null with fewer than two seeds:
/// no spread is known, so no test is possible.
/// </summary>
public sealed record PairedDifference(double Mean, double? Low, double? High, double? P, int N);
