using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Investment.Policies;

/// <summary>One concluded stage as the policy sees it: a width step or a lever pilot, its comparison, and where its evidence is recorded.</summary>
public sealed record StageRecord(int Stage, ArmComparison Comparison, LeverOption? Lever, IReadOnlyList<Guid> EvidenceEventIds)
{
    public bool IsLeverPilot => Lever is not null;
}
