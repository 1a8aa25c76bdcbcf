using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Events;

/// <summary>
/// Appended to the campaign stream when a round is trained, evaluated and costed: what the stage evidence is
/// computed from, with the ids of the round events it copies, so that an auditor can follow every number back.
/// </summary>
public sealed record RoundCompleted(
    RoundRef Round,
    IReadOnlyList<double> Accuracy,
    IReadOnlyList<double>? RandomInitAccuracy,
    CheckpointRef Checkpoint,
    double TrainDeviceSeconds,
    double EvalDeviceSeconds,
    long Samples,
    double Flops,
    RoundCost Cost,
    double CumulativeCost,
    string Worker,
    IReadOnlyList<Guid> SourceEventIds);
