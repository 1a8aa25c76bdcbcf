namespace WidthRetrain.Investment.Statistics;

/// <summary>One arm's value (e.g. forgetting, a fraction) on each seed, for tests that pair arms by seed.</summary>
public sealed record ArmSeedValues(string Arm, int Width, IReadOnlyDictionary<long, double> BySeed)
{
    public double Mean => BySeed.Values.Average();
}
