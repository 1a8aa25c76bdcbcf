namespace WidthRetrain.Contracts.Rounds;

/// <summary>Command to the evaluators' queue, sent by the planner once a trained round is on record.</summary>
public sealed record EvaluateRound(RoundTrained Trained) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
