namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// The cost accountant priced a round; <see cref="CumulativeCost"/> sums this arm and seed's rounds up to this one.
/// Version 2 dropped "arm" (it repeated <see cref="RoundRef.Arm"/>); the planner still accepts version 1 (which has it)
/// from a cost accountant not yet upgraded, and reads the version 1 events it stored as version 2.
/// </summary>
public sealed record RoundCosted(RoundRef Round, RoundCost Cost, double CumulativeCost) : IVersionedMessage
{
    public const int Version = 2;

    public int SchemaVersion { get; init; } = Version;
}
