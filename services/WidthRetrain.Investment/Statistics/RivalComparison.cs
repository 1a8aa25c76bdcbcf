namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// Another arm against the best one: <see cref="Difference"/> is the rival's value minus the best's, paired by seed
/// (positive = the rival forgets more); <see cref="AdjustedP"/> is its p-value after Holm's correction for the number
/// of rivals (null when no test is possible).
/// </summary>
public sealed record RivalComparison(string Arm, int Width, PairedDifference Difference, double? AdjustedP);
