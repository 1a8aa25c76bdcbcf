namespace WidthRetrain.Contracts.Campaigns;

/// <summary>Command to the Planner: start a campaign. The id is the client's, so a resent command starts nothing twice.</summary>
public sealed record StartCampaign(Guid CampaignId, CampaignSpec Spec) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
