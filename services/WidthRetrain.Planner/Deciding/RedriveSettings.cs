namespace WidthRetrain.Planner.Deciding;

/// <summary>When a campaign counts as stalled, and how many times its pending work is sent again before it fails.</summary>
public sealed record RedriveSettings(TimeSpan StallAfter, int MaxAttempts);
