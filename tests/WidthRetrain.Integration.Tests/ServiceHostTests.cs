using System.Diagnostics;

namespace WidthRetrain.Integration.Tests;

/// <summary>A service's frame: it starts and reports healthy on the real broker even when Seq cannot be reached.</summary>
public sealed class ServiceHostTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task UnreachableSeq_NeitherBlocksNorCrashes_AndTheHealthFileSaysHealthy()
    {
        string health = Path.Combine(suite.Checkpoints, "health.json");
        var clock = Stopwatch.StartNew();
        await suite.StartCostAccountantAsync(new Dictionary<string, string?>
        {
            ["Seq:ServerUrl"] = "http://127.0.0.1:9", // discard port: nothing listens
            ["Health:File"] = health,
            ["Serilog:MinimumLevel:Default"] = "Information",
        });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"start took {clock.Elapsed}");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text = "";
        while (DateTime.UtcNow < deadline)
        {
            text = File.Exists(health) ? await File.ReadAllTextAsync(health) : "";
            if (text.Contains("\"status\":\"Healthy\"")) break;
            await Task.Delay(200);
        }
        Assert.Contains("\"status\":\"Healthy\"", text);
        Assert.Contains("\"service\":\"cost-accountant\"", text);
        Assert.Contains("masstransit", text, StringComparison.OrdinalIgnoreCase); // the bus check is part of the signal
    }
}
