namespace WidthRetrain.Contracts.Campaigns;

/// <summary>Every stage of the campaign concluded.</summary>
public sealed record CampaignCompleted(Guid CampaignId, int Rounds, double TotalCost, DateTimeOffset CompletedAt) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
