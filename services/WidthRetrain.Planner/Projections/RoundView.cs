namespace WidthRetrain.Planner.Projections;

/// <summary>Read model of one round: where it is in its life and what it measured.</summary>
public sealed class RoundView
{
    public const string Scheduled = "scheduled";
    public const string Trained = "trained";
    public const string Evaluated = "evaluated";
    public const string Costed = "costed";

    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public int Stage { get; set; }
    public string Arm { get; set; } = "";
    public int Width { get; set; }
    public long Seed { get; set; }
    public int TaskIndex { get; set; }
    public string Status { get; set; } = Scheduled;
    public string? Worker { get; set; }
    public double? TrainSeconds { get; set; }
    public double? EvalSeconds { get; set; }
    public double? AccuracyOnTask { get; set; }
    public List<double>? Accuracy { get; set; }
    public double? Cost { get; set; }
    public DateTimeOffset ScheduledAt { get; set; }
    public DateTimeOffset? CostedAt { get; set; }

    /// <summary>When the round last advanced (scheduled, trained, evaluated or costed); faults do not count.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public string? LastFault { get; set; }
}
