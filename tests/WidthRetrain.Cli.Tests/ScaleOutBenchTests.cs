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
        foreach (string option in new[] { "--trainers", "--seeds", "--epochs", "--width", "--tasks", "--rabbitmq", "--timeout" }) Assert.Contains(option, output);
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
}
