namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The Planner accepted and recorded a campaign.</summary>
public sealed record CampaignStarted(Guid CampaignId, CampaignSpec Spec, DateTimeOffset StartedAt) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
