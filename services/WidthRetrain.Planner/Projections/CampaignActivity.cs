namespace WidthRetrain.Planner.Projections;

/// <summary>The latest heartbeat of a campaign's workers (a plain document, overwritten; not part of the audited record).</summary>
public sealed class CampaignActivity
{
    public Guid Id { get; set; }
    public DateTimeOffset LastHeartbeatAt { get; set; }
    public string Round { get; set; } = "";
    public string Service { get; set; } = "";
    public string Worker { get; set; } = "";
}
