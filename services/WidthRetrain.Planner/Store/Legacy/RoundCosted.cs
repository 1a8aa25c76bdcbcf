using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Store.Legacy;

/// <summary>
/// RoundCosted as version 1 wrote it to the event store (event type "round_costed"). The store reads such events as
/// the current RoundCosted (upcast); the audit reads them as this, because their hashes cover what was written.
/// The name is the current type's on purpose: the hash covers the type's name.
/// </summary>
public sealed record RoundCosted(RoundRef Round, string Arm, RoundCost Cost, double CumulativeCost)
{
    public const string EventTypeName = "round_costed";

    public int SchemaVersion { get; init; } = 1;

    public Contracts.Rounds.RoundCosted Upcast() => new(Round, Cost, CumulativeCost);
}
