using System.ComponentModel.DataAnnotations;

namespace WidthRetrain.Planner.Redrive;

/// <summary>The "Planner" section: how the planner watches running campaigns and sends their stalled work again.</summary>
public sealed class PlannerOptions
{
    public const string Section = "Planner";

    /// <summary>A campaign counts as stalled when nothing of it advanced (and no worker sent a heartbeat) for this long.</summary>
    [Range(1, 86_400)]
    public double StallAfterSeconds { get; set; } = 120;

    /// <summary>How often running campaigns are checked.</summary>
    [Range(0.1, 3_600)]
    public double CheckEverySeconds { get; set; } = 15;

    /// <summary>Re-sends in a row without progress before the campaign is failed.</summary>
    [Range(1, 1_000)]
    public int MaxRedrives { get; set; } = 3;

    /// <summary>Send the pending work of every running campaign when the planner starts (a deployed planner does; the CLI's embedded one does not).</summary>
    public bool RedriveOnStart { get; set; } = true;

    public Deciding.RedriveSettings Settings => new(TimeSpan.FromSeconds(StallAfterSeconds), MaxRedrives);
}
