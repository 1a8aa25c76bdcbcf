using WidthRetrain.Cli.Bench;

namespace WidthRetrain.Cli.Tests;

/// <summary>`bench scale-out` refuses what cannot measure scale-out on one line, before it starts any process or touches the broker.</summary>
public sealed class ScaleOutBenchTests
{
    [Theory]
    [InlineData("--trainers", "1", "--trainers: 2 to 16")]
    [InlineData("--seeds", "1", "--seeds: at least --trainers (2) chains of rounds")]
    [InlineData("--epochs", "0", "--epochs: 1 to 100, got 0")]
    [InlineData("--timeout", "0", "--timeout: more than 0")]
    [InlineData("--group-rounds", "0", "--group-rounds: 1 to 64 rounds, got 0")]
    public void BadOptions_AreOneLineAndExit2(string option, string value, string expected)
    {
        // No broker or database credentials: the options are checked first.
        var (code, output) = CliRunner.Run(new Dictionary<string, string> { ["WIDTHRETRAIN_CONFIG_DIR"] = Path.GetTempPath() }, "bench", "scale-out", option, value);

        Assert.Equal(2, code);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: " + expected, line);
    }

    [Fact]
    public void Help_NamesEveryOption()
    {
        var (code, output) = CliRunner.Run("bench", "scale-out", "--help");

        Assert.True(code == 0, output);
        foreach (string option in new[] { "--trainers", "--seeds", "--epochs", "--width", "--tasks", "--rabbitmq", "--timeout", "--group-rounds" }) Assert.Contains(option, output);
    }

    [Fact]
    public void ABrokerUrlThatIsNotAmqp_IsRefused() =>
        Assert.Equal("--rabbitmq: an amqp://user:password@host:port/vhost URL",
            Assert.Throws<ArgumentException>(() => BrokerUsers.Resolve("http://127.0.0.1:15672/")).Message);

    [Fact]
    public void TheCampaign_IsOneArmWithAChainPerSeed()
    {
        var settings = new ScaleOutBenchSettings { Seeds = 6, Tasks = 3, Width = 128, Epochs = 2 };
        settings.Check();

        var spec = settings.Campaign("c");

        Assert.Equal([128], spec.Widths);
        Assert.Equal([1L, 2, 3, 4, 5, 6], spec.Seeds);
        Assert.Equal(3, spec.Drift.Tasks);
        Assert.Equal(2, spec.Training.EpochsPerTask);
    }

    [Fact]
    public void NoWork_IsTrainerTimeWithFewerRoundsReadyThanTrainers()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset At(double s) => t0.AddSeconds(s);
        // Two trainers over 10 s: one round ready during 0-4 s (one trainer idle), two during 4-8 s, none during 8-10 s.
        (DateTimeOffset, int)[] marks = [(At(0), +1), (At(4), +1), (At(8), -1), (At(8), -1)];

        double share = TrainerStarvation.Share(marks, t0, At(10), trainers: 2);

        Assert.Equal((4 * 1 + 2 * 2) / 20.0, share, 9);
        Assert.Equal(0.2, TrainerStarvation.Share(marks, t0, At(10), trainers: 1), 9); // one trainer: only the last 2 s
    }
}
