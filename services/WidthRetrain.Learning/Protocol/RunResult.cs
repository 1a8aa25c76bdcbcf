using WidthRetrain.Learning.Evaluation;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// Everything measured in one run. Matrices are indexed [after task k][on task j].
/// FunctionalDrift[k][j] (j &lt; k) is the mean L2 distance between the outputs on task j's test inputs after task j
/// and after task k; null where undefined. WeightChange[t][l] is layer l's relative weight change while training task t.
/// </summary>
public sealed record RunResult(
    RunSpec Spec,
    long Parameters,
    IReadOnlyList<string> Tasks,
    AccuracyMatrix Accuracy,
    IReadOnlyList<double> RandomInitAccuracy,
    ContinualMetrics Metrics,
    double?[][] FunctionalDrift,
    double[][] WeightChange,
    IReadOnlyList<TaskTrainingStats> Training,
    double TrainSeconds,
    double EvalSeconds)
{
    /// <summary>Mean functional drift of every old task at the end of the run (null with one task).</summary>
    public double? FinalFunctionalDrift
    {
        get
        {
            double?[] last = FunctionalDrift[^1];
            double[] defined = last.Where(d => d is not null).Select(d => d!.Value).ToArray();
            return defined.Length == 0 ? null : defined.Average();
        }
    }

    public long SamplesSeen => Training.Sum(t => t.Samples);
    public double TrainFlops => Training.Sum(t => t.Flops);
}
