using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Contracts.Stages;

/// <summary>
/// A stage began: these arms are trained through every task of every seed. In a staged investment the stage compares
/// <see cref="Candidate"/> with <see cref="Incumbent"/> (which an earlier stage may have measured already); a lever pilot
/// names its <see cref="Lever"/>.
/// </summary>
public sealed record StageStarted(Guid CampaignId, int Stage, IReadOnlyList<ArmSpec> Arms, int Rounds, string? Incumbent = null,
    string? Candidate = null, Investment.LeverOption? Lever = null) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
