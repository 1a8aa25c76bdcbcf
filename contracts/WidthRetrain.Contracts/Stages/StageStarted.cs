using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Contracts.Stages;

/// <summary>A stage began: these arms are trained through every task of every seed.</summary>
public sealed record StageStarted(Guid CampaignId, int Stage, IReadOnlyList<ArmSpec> Arms, int Rounds) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
