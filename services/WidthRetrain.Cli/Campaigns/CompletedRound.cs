namespace WidthRetrain.Cli.Campaigns;

/// <summary>A round of the campaign's timeline: when it was completed and its expected work (e.g. its FLOPs).</summary>
public sealed record CompletedRound(DateTimeOffset At, double Work);
