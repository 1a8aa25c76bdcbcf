namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// A worker's heartbeat while it holds a round (training or evaluating it), so the planner does not mistake a long
/// round for a lost one. Not recorded as an event; only the latest one per campaign is kept.
/// </summary>
public sealed record RoundInProgress(RoundRef Round, string Service, string Worker, DateTimeOffset At) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
