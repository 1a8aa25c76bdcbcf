using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Tests.Statistics;

public class WidthRankingTests
{
    private static ArmSeedValues Arm(int width, params double[] forgetting) =>
        new($"w{width}", width, forgetting.Select((v, i) => (Seed: (long)i + 1, v)).ToDictionary(x => x.Seed, x => x.v));

    [Fact]
    public void FlatNoisyForgetting_NamesNoWinner()
    {
        // The README demo's shape: 33.0-33.7 % with ±2-point noise across three seeds.
        var r = WidthRanking.Of([Arm(32, 0.330, 0.350, 0.315), Arm(64, 0.336, 0.318, 0.351), Arm(128, 0.331, 0.345, 0.322), Arm(256, 0.312, 0.349, 0.329)]);
        Assert.Null(r.Winner);
        Assert.True(r.Testable);
        Assert.Equal(3, r.Seeds);
        Assert.All(r.Rivals, x => Assert.True(x.AdjustedP >= 0.05));
        string text = StatisticsText.Ranking(r);
        Assert.StartsWith("no width distinguishable (n = 3 seeds, paired t-test across seeds, Holm-corrected for 3 comparisons)", text);
    }

    [Fact]
    public void AConsistentGapOnEverySeed_NamesTheWinner()
    {
        // w256 forgets 5-6 points less than every other width on every seed: the paired test sees it despite seed noise.
        var r = WidthRanking.Of([Arm(32, 0.40, 0.30, 0.35), Arm(64, 0.39, 0.31, 0.36), Arm(256, 0.34, 0.25, 0.30)]);
        Assert.Equal("w256", r.Winner?.Arm);
        Assert.All(r.Rivals, x => Assert.True(x.AdjustedP < 0.05));
        Assert.StartsWith("w256 has the least forgetting: ", StatisticsText.Ranking(r));
    }

    [Fact]
    public void Holm_IsStricterThanEachTestAlone()
    {
        // One rival clearly worse, the other only just: the Holm step-down multiplies the smaller p by 2.
        var r = WidthRanking.Of([Arm(32, 0.50, 0.40, 0.45, 0.48), Arm(64, 0.311, 0.305, 0.298, 0.31), Arm(128, 0.30, 0.30, 0.29, 0.30)]);
        RivalComparison close = r.Rivals.Single(x => x.Arm == "w64");
        Assert.True(close.Difference.P < 0.05);
        Assert.True(close.AdjustedP >= close.Difference.P);
        Assert.Equal([0.03, 0.04, 0.04], PairedTest.Holm([0.01, 0.04, 0.02]).Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void OneSeed_SaysNoTestIsPossible()
    {
        var r = WidthRanking.Of([Arm(32, 0.40), Arm(64, 0.10)]);
        Assert.Null(r.Winner);
        Assert.False(r.Testable);
        Assert.StartsWith("one seed: no test is possible", StatisticsText.Ranking(r));
    }

    [Fact]
    public void PairedTest_MatchesSeeds_NotPositions()
    {
        var a = new Dictionary<long, double> { [1] = 0.3, [2] = 0.5, [7] = 0.9 };
        var b = new Dictionary<long, double> { [2] = 0.4, [1] = 0.2, [9] = 0.0 };
        PairedDifference d = PairedTest.Of(a, b);
        Assert.Equal(2, d.N);
        Assert.Equal(0.1, d.Mean, 12);
        Assert.Equal(0, d.P); // the same difference on both seeds: no spread
    }
}
