namespace WidthRetrain.Contracts.Stages;

/// <summary>Every round of a stage is recorded; the evidence per arm, and the ids of the round events it was computed from.</summary>
public sealed record StageConcluded(Guid CampaignId, int Stage, IReadOnlyList<ArmEvidence> Arms, IReadOnlyList<Guid> EvidenceEventIds) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
