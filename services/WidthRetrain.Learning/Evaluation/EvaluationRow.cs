namespace WidthRetrain.Learning.Evaluation;

/// <summary>
/// A model evaluated on the test set of every task of its sequence: one row of the accuracy matrix, the mean
/// cross-entropy per task, and the functional drift of each earlier task since it was learned (null where not measured).
/// </summary>
public sealed record EvaluationRow(double[] Accuracy, double[] Loss, double?[] Drift);
