namespace WidthRetrain.Planner.Events;

/// <summary>
/// The planner sent a campaign's pending work again: at its own start (<see cref="Attempt"/> 0), on `resume`, or
/// because nothing advanced for the stall time (attempt 1, 2, ... counted since the last progress).
/// </summary>
public sealed record CampaignRedriven(Guid CampaignId, int Attempt, string Reason, int Commands, DateTimeOffset At);
