using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Events;

/// <summary>
/// Appended to the campaign stream when a round is trained, evaluated and costed: what the stage evidence is
/// computed from, with the ids of the round events it copies, so that an auditor can follow every number back; and the
/// facts a price book needs, so that a counterfactual price book can re-price it without the round streams.
/// <see cref="RoundHeadHash"/> is the hash of the round stream's last event when this was recorded (its
/// <see cref="RoundVersion"/>): the campaign's chain seals the round's chain.
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
    IReadOnlyList<Guid> SourceEventIds,
    string TrainDevice = "cpu",
    string EvalDevice = "cpu",
    double ForwardFlopsPerSample = 0,
    string? RoundHeadHash = null,
    long RoundVersion = 0);
