using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Contracts.Campaigns;

/// <summary>
/// The campaign cannot go on: a command failed for good (a tampered checkpoint, data whose hash differs, a message
/// no consumer can process) or its work made no progress after the planner re-sent it several times.
/// <see cref="Round"/> and <see cref="Service"/> say where, when known; <see cref="Reason"/> is one line.
/// </summary>
public sealed record CampaignFailed(Guid CampaignId, string Reason, DateTimeOffset FailedAt, RoundRef? Round = null, string? Service = null)
    : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
