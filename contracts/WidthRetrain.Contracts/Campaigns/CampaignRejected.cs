namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The Planner refused a campaign spec; nothing was recorded. Each problem names a field and what is allowed.</summary>
public sealed record CampaignRejected(Guid CampaignId, IReadOnlyList<string> Problems) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
