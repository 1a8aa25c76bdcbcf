namespace WidthRetrain.Investment.Statistics;

/// <summary>
/// Which arm has the lowest value (forgetting) and whether the data single it out: the best arm against every other
/// by the paired t-test across seeds, with Holm's correction for the several comparisons. <see cref="Winner"/> is set
/// only when every comparison is significant at <see cref="Confidence"/>; with one seed no test is possible and there
/// is never a winner. Pure.
/// </summary>
/// <param name="Best">The arm with the lowest mean; null when there is no arm.</param>
/// <param name="Rivals">Every other arm against it, ordered by width.</param>
/// <param name="Seeds">The fewest seeds any comparison had (the n of the tests).</param>
public sealed record WidthRanking(ArmSeedValues? Best, IReadOnlyList<RivalComparison> Rivals, int Seeds, ArmSeedValues? Winner, double Confidence)
{
    /// <summary>True when some comparison could be tested (two seeds or more in common).</summary>
    public bool Testable => Rivals.Count > 0 && Rivals.All(r => r.AdjustedP is not null);

    /// <summary>The rival hardest to tell from the best: the largest adjusted p-value (or, untestable, the smallest difference).</summary>
    public RivalComparison? Closest => Rivals.OrderByDescending(r => r.AdjustedP ?? 2).ThenBy(r => r.Difference.Mean).FirstOrDefault();

    public static WidthRanking Of(IReadOnlyList<ArmSeedValues> arms, double confidence = 0.95)
    {
        if (arms.Count == 0) return new WidthRanking(null, [], 0, null, confidence);
        ArmSeedValues best = arms.OrderBy(a => a.Mean).ThenBy(a => a.Width).First();
        ArmSeedValues[] others = [.. arms.Where(a => !ReferenceEquals(a, best)).OrderBy(a => a.Width).ThenBy(a => a.Arm, StringComparer.Ordinal)];
        PairedDifference[] diffs = [.. others.Select(o => PairedTest.Of(o.BySeed, best.BySeed, confidence))];
        bool testable = diffs.All(d => d.P is not null);
        IReadOnlyList<double>? adjusted = testable && diffs.Length > 0 ? PairedTest.Holm([.. diffs.Select(d => d.P!.Value)]) : null;
        RivalComparison[] rivals = [.. others.Select((o, i) => new RivalComparison(o.Arm, o.Width, diffs[i], adjusted?[i]))];
        int seeds = diffs.Length == 0 ? best.BySeed.Count : diffs.Min(d => d.N);
        double alpha = 1 - confidence;
        bool wins = adjusted is not null && rivals.All(r => r.Difference.Mean > 0 && r.AdjustedP < alpha);
        return new WidthRanking(best, rivals, seeds, wins ? best : null, confidence);
    }
}
