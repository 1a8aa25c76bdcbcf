namespace WidthRetrain.Contracts.Campaigns;

/// <summary>
/// Command to the Planner: continue a failed or interrupted campaign from its record. Work already recorded is not
/// redone; what is pending is sent again.
/// </summary>
public sealed record ResumeCampaign(Guid CampaignId) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
