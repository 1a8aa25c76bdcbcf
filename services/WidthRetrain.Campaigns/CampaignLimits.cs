using Microsoft.Extensions.Configuration;

namespace WidthRetrain.Campaigns;

/// <summary>
/// Ceilings a campaign's estimate must stay under (the "Limits" section; the CLI also takes --max-hours, --max-memory-gib
/// and --max-checkpoint-gib): what one trainer may hold in memory for one model, what all checkpoints may take on disk,
/// how long the campaign may be expected to train, and the training rate the expectation assumes.
/// </summary>
public sealed record CampaignLimits(double MaxModelMemoryGiB = 8, double MaxCheckpointGiB = 100, double MaxHours = 72, double GflopsPerSecond = 40,
    int MaxBatchSize = 65_536)
{
    public const string Section = "Limits";

    public static CampaignLimits From(IConfiguration configuration) => configuration.GetSection(Section).Get<CampaignLimits>() ?? new CampaignLimits();
}
