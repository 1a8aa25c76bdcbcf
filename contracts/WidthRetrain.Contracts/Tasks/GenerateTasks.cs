using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Contracts.Tasks;

/// <summary>Command to the DriftGenerator: turn a campaign's drift scenario into task specs, one sequence per seed.</summary>
public sealed record GenerateTasks(Guid CampaignId, DatasetSpec Dataset, DriftSpec Drift, IReadOnlyList<long> Seeds) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
