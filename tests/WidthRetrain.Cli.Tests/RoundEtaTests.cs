using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Tests;

/// <summary>The ETA from the steady rate of recent rounds, on synthetic timelines.</summary>
public sealed class RoundEtaTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Rounds of the given work completed at the given seconds after the start.</summary>
    private static List<CompletedRound> Timeline(params (double Seconds, double Work)[] rounds) =>
        [.. rounds.Select(r => new CompletedRound(Start.AddSeconds(r.Seconds), r.Work))];

    [Fact]
    public void NoRate_UntilRoundsAfterTheWarmUp()
    {
        // 50 s of start-up, then a round every 2 s.
        var timeline = Timeline((50, 1), (52, 1), (54, 1), (56, 1), (58, 1));

        Assert.Null(RoundEta.Estimate(timeline.Take(1).ToList(), 10));
        Assert.Null(RoundEta.Estimate(timeline.Take(RoundEta.WarmUp + RoundEta.SteadyIntervals).ToList(), 10));
        Assert.Equal("?", RoundEta.Text(RoundEta.Estimate(timeline.Take(4).ToList(), 10)));
        Assert.Equal(20, RoundEta.Estimate(timeline, 10)!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void StartUp_DoesNotInflateTheEstimate()
    {
        // 4 minutes of rounds after a minute of start-up: 60 rounds, one every 4 s, then 50 left.
        var timeline = Enumerable.Range(0, 10).Select(i => (60.0 + 4 * i, 1.0)).ToArray();

        TimeSpan eta = RoundEta.Estimate(Timeline(timeline), 50)!.Value;

        Assert.Equal(200, eta.TotalSeconds, precision: 6);
        double naive = (60.0 + 4 * 9) / 10 * 50; // elapsed / done * left: what the progress said before
        Assert.True(naive > 2 * eta.TotalSeconds, $"naive {naive} s against {eta.TotalSeconds} s");
    }

    [Fact]
    public void RemainingRounds_AreWeighedByTheirWork()
    {
        // Narrow rounds of work 1 take 1 s each; 3 wide rounds of work 8 are left: 24 s, not 3.
        var timeline = Timeline((30, 1), (31, 1), (32, 1), (33, 1), (34, 1), (35, 1));

        Assert.Equal(24, RoundEta.Estimate(timeline, 3 * 8)!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void TheRate_IsOfTheRecentRounds()
    {
        // A stage of slow rounds (10 s each) after many fast ones (1 s each): the window sees only the slow ones.
        var rounds = Enumerable.Range(0, 40).Select(i => (10.0 + i, 1.0))
            .Concat(Enumerable.Range(1, RoundEta.Window + 1).Select(i => (49.0 + 10 * i, 1.0))).ToArray();

        Assert.Equal(50, RoundEta.Estimate(Timeline(rounds), 5)!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void NothingLeft_IsZero_AndTextsAreShort()
    {
        Assert.Equal(TimeSpan.Zero, RoundEta.Estimate(Timeline((1, 1)), 0));
        Assert.Equal("03:20", RoundEta.Text(TimeSpan.FromSeconds(200)));
        Assert.Equal("1:01:05", RoundEta.Text(TimeSpan.FromSeconds(3665)));
    }
}
