using WidthRetrain.Contracts.Tasks;

namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// A trainer finished a round and stored its checkpoint. <see cref="Initial"/> is the untrained model of the
/// first task (for the random-initialisation baseline of forward transfer); null on later tasks.
/// </summary>
public sealed record RoundTrained(
    RoundRef Round,
    ArmSpec Arm,
    IReadOnlyList<TaskSpec> Tasks,
    CheckpointRef Checkpoint,
    CheckpointRef? Initial,
    IReadOnlyList<CheckpointRef> History,
    TrainingFacts Training) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
