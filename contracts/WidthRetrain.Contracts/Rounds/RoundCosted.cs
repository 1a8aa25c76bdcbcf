namespace WidthRetrain.Contracts.Rounds;

/// <summary>The cost accountant priced a round; <see cref="CumulativeCost"/> sums this arm and seed's rounds up to this one.</summary>
public sealed record RoundCosted(RoundRef Round, string Arm, RoundCost Cost, double CumulativeCost) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
