using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.State;

/// <summary>A round stream folded. Each step is recorded at most once: a redelivered message finds its step taken.</summary>
public sealed class RoundState
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public RoundRef Round { get; set; } = null!;
    public ArmSpec Arm { get; set; } = null!;
    public CheckpointRef? Parent { get; set; }
    public List<CheckpointRef> History { get; set; } = [];
    public RoundTrained? Trained { get; set; }
    public RoundEvaluated? Evaluated { get; set; }
    public RoundCosted? Costed { get; set; }
    public RoundFaulted? LastFault { get; set; }

    /// <summary>The step this round waits for, or null once it is costed.</summary>
    public RoundStep? Pending => Trained is null ? RoundStep.Train : Evaluated is null ? RoundStep.Evaluate : Costed is null ? RoundStep.Price : null;

    public static RoundState Create(RoundScheduled e) =>
        new() { Id = e.Round.RoundId, Round = e.Round, Arm = e.Arm, Parent = e.Parent, History = [.. e.History ?? []] };

    public void Apply(RoundTrained e) => Trained = e;

    public void Apply(RoundEvaluated e) => Evaluated = e;

    public void Apply(RoundCosted e) => Costed = e;

    public void Apply(RoundFaulted e) => LastFault = e;
}
