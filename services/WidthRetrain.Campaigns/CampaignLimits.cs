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

    /// <summary>The section, checked: a ceiling of zero, below zero or not a number would refuse every campaign, or none.</summary>
    /// <exception cref="ArgumentException">Every broken setting, named with what is allowed.</exception>
    public static CampaignLimits From(IConfiguration configuration)
    {
        CampaignLimits limits = configuration.GetSection(Section).Get<CampaignLimits>() ?? new CampaignLimits();
        IReadOnlyList<string> problems = limits.Problems("Limits:");
        return problems.Count == 0 ? limits : throw new ArgumentException(string.Join("; ", problems));
    }

    /// <summary>Every broken ceiling, each named with <paramref name="prefix"/> (the section, or the option's source).</summary>
    public IReadOnlyList<string> Problems(string prefix)
    {
        var p = new List<string>();
        Positive(p, prefix + nameof(MaxModelMemoryGiB), MaxModelMemoryGiB);
        Positive(p, prefix + nameof(MaxCheckpointGiB), MaxCheckpointGiB);
        Positive(p, prefix + nameof(MaxHours), MaxHours);
        Positive(p, prefix + nameof(GflopsPerSecond), GflopsPerSecond);
        if (MaxBatchSize < 1) p.Add($"{prefix}{nameof(MaxBatchSize)}: must be at least 1, got {MaxBatchSize}");
        return p;
    }

    private static void Positive(List<string> problems, string name, double value)
    {
        if (!(value > 0 && double.IsFinite(value)))
            problems.Add($"{name}: must be a positive number, got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }
}
