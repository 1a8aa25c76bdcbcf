using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Events;

/// <summary>
/// A step of the round failed after its retries (<see cref="Permanent"/>: it can never succeed and failed the
/// campaign; otherwise a transient cause such as an outage, and the planner sends the step again later).
/// </summary>
public sealed record RoundFaulted(RoundRef Round, string Service, string Step, string Reason, bool Permanent, DateTimeOffset At);
