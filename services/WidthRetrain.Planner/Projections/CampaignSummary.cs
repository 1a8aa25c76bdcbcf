namespace WidthRetrain.Planner.Projections;

/// <summary>Read model of a campaign for lists and progress displays (projected inline from the campaign stream).</summary>
public sealed class CampaignSummary
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Status { get; set; } = "running";
    public string Dataset { get; set; } = "";
    public string Scenario { get; set; } = "";
    public int Tasks { get; set; }
    public List<int> Widths { get; set; } = [];
    public List<long> Seeds { get; set; } = [];
    public int Stage { get; set; }
    public int RoundsTotal { get; set; }
    public int RoundsDone { get; set; }
    public double TotalCost { get; set; }
    public string Currency { get; set; } = "";
    public string? LastRound { get; set; }
    public double DeviceSeconds { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FailureReason { get; set; }
    public string? Policy { get; set; }
    public List<string> Decisions { get; set; } = [];
}
