namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The campaign cannot go on (for example a task's content hash did not match, or a round failed for good).</summary>
public sealed record CampaignFailed(Guid CampaignId, string Reason, DateTimeOffset FailedAt) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
