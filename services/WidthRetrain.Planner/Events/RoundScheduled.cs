using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Events;

/// <summary>
/// First event of a round stream: the planner asked the trainers for this round. It holds everything the round's
/// TrainRound needs besides the task specs (which the campaign stream holds), so pending work can be sent again
/// from the record alone: the parent checkpoint and the arm's checkpoints after each earlier task.
/// </summary>
public sealed record RoundScheduled(RoundRef Round, ArmSpec Arm, CheckpointRef? Parent, IReadOnlyList<CheckpointRef>? History = null);
