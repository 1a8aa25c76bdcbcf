namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// For subscribers: the planner recorded a round (trained, evaluated and priced). <see cref="Accuracy"/> is the round's
/// row of the accuracy matrix, a fraction (0..1) per task of the sequence, seen and future; <see cref="AverageAccuracy"/>
/// is its mean over the tasks seen so far (0..<see cref="RoundRef.TaskIndex"/>), also a fraction. Money is in
/// <see cref="RoundCost.Currency"/>; <see cref="CumulativeCost"/> sums this arm and seed's rounds up to this one.
/// </summary>
public sealed record RoundRecorded(
    RoundRef Round,
    IReadOnlyList<double> Accuracy,
    double AverageAccuracy,
    RoundCost Cost,
    double CumulativeCost,
    double TrainDeviceSeconds,
    long Samples,
    double Flops,
    string Worker,
    DateTimeOffset RecordedAt) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
