namespace WidthRetrain.Dashboard.Accuracy;

/// <summary>
/// The accuracy matrix of one arm in one stage, mean over its seeds (fractions): Cells[i][j] is the accuracy on task j
/// after training task i; null where nothing was evaluated yet.
/// </summary>
public sealed record AccuracyMatrixView(int Stage, string Arm, int Width, int Seeds, int Tasks, double?[][] Cells);
