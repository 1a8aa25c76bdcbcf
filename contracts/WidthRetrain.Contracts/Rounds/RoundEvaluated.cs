namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// The evaluator's row of the accuracy matrix for a round: accuracy and mean loss on the test set of every task of
/// the sequence (seen and future), the functional drift of each earlier task's outputs since it was learned (null
/// for the current and future tasks), and at the first task the untrained model's accuracy on every task.
/// </summary>
public sealed record RoundEvaluated(
    RoundRef Round,
    ArmSpec Arm,
    IReadOnlyList<double> Accuracy,
    IReadOnlyList<double> Loss,
    IReadOnlyList<double?> FunctionalDrift,
    IReadOnlyList<double>? RandomInitAccuracy,
    double EvalDeviceSeconds,
    double EvalFlops,
    string Device,
    TrainingFacts Training) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
