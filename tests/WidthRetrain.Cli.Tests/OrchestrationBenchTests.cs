namespace WidthRetrain.Cli.Tests;

/// <summary>`bench orchestration` end to end on the real PostgreSQL: the measured campaign completes every round and its wall time is split.</summary>
public sealed class OrchestrationBenchTests : IAsyncLifetime
{
    private readonly ScratchStore scratch = new("bench");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    [Fact]
    public void TinyCampaign_Completes_AndItsWallTimeIsSplit()
    {
        // Wide enough that the table's rows are not wrapped.
        var environment = new Dictionary<string, string>(scratch.Environment) { ["COLUMNS"] = "200" };
        var (code, output) = CliRunner.Run(environment, ["bench", "orchestration", "--tiny-chains", "2", .. scratch.Options]);

        Assert.True(code == 0, output);
        // 2 chains x 5 tasks: the row names the measured campaign (not the warm-up) with every round costed.
        string row = Assert.Single(output.Split('\n'), l => l.Contains("bench-tiny"));
        string[] cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("10", cells[1]);
        double wall = double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture);
        double perRound = double.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wall, 0.01, 120);
        Assert.True(perRound * 10 / 1000 < wall, output);
    }
}
