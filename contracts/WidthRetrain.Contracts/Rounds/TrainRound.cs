using WidthRetrain.Contracts.Tasks;

namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// Command to the trainers' queue: train one arm on one task of one seed, starting from <see cref="Parent"/>
/// (null for the first task: a fresh model initialised from the seed). <see cref="History"/> holds the arm's
/// checkpoints after each earlier task, for the evaluator's functional drift.
/// </summary>
public sealed record TrainRound(RoundRef Round, ArmSpec Arm, IReadOnlyList<TaskSpec> Tasks, CheckpointRef? Parent, IReadOnlyList<CheckpointRef> History)
    : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
