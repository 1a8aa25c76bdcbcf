using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Events;

/// <summary>First event of a round stream: the planner asked the trainers for this round.</summary>
public sealed record RoundScheduled(RoundRef Round, ArmSpec Arm, CheckpointRef? Parent);
