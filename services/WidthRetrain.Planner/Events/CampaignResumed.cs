namespace WidthRetrain.Planner.Events;

/// <summary>A user asked to continue the campaign (`widthretrain resume`); a failed campaign runs again from its record.</summary>
public sealed record CampaignResumed(Guid CampaignId, string? PreviousFailure, DateTimeOffset At);
