using WidthRetrain.Testing;

namespace WidthRetrain.Cli.Tests;

/// <summary>Each service process, started with broken settings, says why on one line and exits with 2: no stack trace, no hang.</summary>
public class ServiceStartTests
{
    [Theory]
    [InlineData("WidthRetrain.Trainer", "trainer")]
    [InlineData("WidthRetrain.Evaluator", "evaluator")]
    [InlineData("WidthRetrain.DriftGenerator", "drift-generator")]
    public void AComputeServiceWithBrokenSettings_NamesEachOnOneLine(string assembly, string service)
    {
        var (code, output) = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, $"{assembly}.dll")],
            new Dictionary<string, string> { ["Bus__Transport"] = "InMemory", ["Compute__Threads"] = "0", ["Storage__Device"] = "cpu" },
            TimeSpan.FromMinutes(1), service);
        Assert.Equal(2, code);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"{service}: cannot start: ", line);
        Assert.Contains("Compute:Threads: must be 1 to 1024 when given, got 0", line);
        Assert.Contains("Storage:Device: moved to Compute:Device", line);
    }

    [Fact]
    public void APlannerWithoutItsConnectionString_SaysSoOnOneLine()
    {
        var (code, output) = ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "WidthRetrain.Planner.dll")],
            new Dictionary<string, string> { ["Bus__Transport"] = "InMemory" }, TimeSpan.FromMinutes(1), "planner");
        Assert.Equal(2, code);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("planner: cannot start: ConnectionStrings:Marten: required (a PostgreSQL connection string of the services' role)", line);
    }
}
