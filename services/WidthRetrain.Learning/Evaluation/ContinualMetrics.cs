namespace WidthRetrain.Learning.Evaluation;

/// <summary>
/// Continual-learning summary metrics computed from an <see cref="AccuracyMatrix"/>.
/// Notation: a[k][j] = accuracy on task j after training through task k, k, j = 1..T.
/// Metrics that are undefined for the given input are null (never NaN or a silent 0),
/// so reports cannot mistake "not computable" for "no forgetting".
/// </summary>
public sealed record ContinualMetrics
{
    /// <summary>Number of tasks T.</summary>
    public required int TaskCount { get; init; }

    /// <summary>Average accuracy: AA = (1/T) * sum_{j=1..T} a[T][j] (final model on all tasks).</summary>
    public required double AverageAccuracy { get; init; }

    /// <summary>Learning accuracy: LA = (1/T) * sum_{j=1..T} a[j][j] (each task just after learning it).</summary>
    public required double LearningAccuracy { get; init; }

    /// <summary>
    /// Forgetting (Chaudhry et al. 2018):
    /// F = (1/(T-1)) * sum_{j=1..T-1} ( max_{l=j..T-1} a[l][j] - a[T][j] ).
    /// The max excludes the last row, so a term can be negative when the final accuracy beats every earlier one.
    /// Null when T = 1.
    /// </summary>
    public required double? ForgettingChaudhry { get; init; }

    /// <summary>
    /// Forgetting as the paper's code computes it:
    /// AF = (1/T) * sum_{j=1..T} ( max_{k=j..T} a[k][j] - a[T][j] ).
    /// The max includes the last row, so every term is &gt;= 0 and the last task's term is 0.
    /// </summary>
    public required double ForgettingPaper { get; init; }

    /// <summary>
    /// Backward transfer: BWT = (1/(T-1)) * sum_{i=1..T-1} ( a[T][i] - a[i][i] ).
    /// Negative means forgetting. Null when T = 1.
    /// </summary>
    public required double? BackwardTransfer { get; init; }

    /// <summary>
    /// Forward transfer: FWT = (1/(T-1)) * sum_{i=2..T} ( a[i-1][i] - b[i] ),
    /// where b[i] is the accuracy on task i at random initialisation.
    /// Null when b was not supplied or T = 1.
    /// </summary>
    public required double? ForwardTransfer { get; init; }

    /// <summary>
    /// Per-task Chaudhry terms, length T-1 (0-based index j = task j+1):
    /// f[j] = max_{l=j..T-1} a[l][j] - a[T][j]. Empty when T = 1.
    /// </summary>
    public required IReadOnlyList<double> PerTaskForgettingChaudhry { get; init; }

    /// <summary>
    /// Per-task paper terms, length T (0-based index j = task j+1):
    /// f[j] = max_{k=j..T} a[k][j] - a[T][j]; always &gt;= 0 and the last entry is 0.
    /// </summary>
    public required IReadOnlyList<double> PerTaskForgettingPaper { get; init; }
}
