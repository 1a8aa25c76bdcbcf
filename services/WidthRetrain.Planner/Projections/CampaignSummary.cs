using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Projections;

/// <summary>Read model of a campaign for lists and progress displays (projected inline from the campaign stream).</summary>
public sealed class CampaignSummary
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public CampaignStatus Status { get; set; } = CampaignStatus.Running;
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

    /// <summary>When the campaign stream last recorded progress (re-sends and resumes do not count).</summary>
    public DateTimeOffset ProgressAt { get; set; }

    /// <summary>How often its pending work was sent again, and the last reason.</summary>
    public int Redrives { get; set; }

    public string? LastRedrive { get; set; }

    public bool IsFinished => Status is CampaignStatus.Completed or CampaignStatus.Failed;
}
