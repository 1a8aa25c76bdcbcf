using System.Text.Json;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Cli.Tests;

/// <summary>`run` and `sweep` take the same scenario options, and `scenarios` lists what the scenarios' definitions declare.</summary>
public sealed class ScenarioOptionsTests
{
    [Fact]
    public void Scenarios_ListsEveryDefinition_WithItsParameters()
    {
        var (code, output) = CliRunner.Run("scenarios", "--json");

        Assert.True(code == 0, output);
        using JsonDocument doc = JsonDocument.Parse(output);
        Assert.Equal(DriftScenarios.Kinds, doc.RootElement.EnumerateArray().Select(k => k.GetProperty("kind").GetString()));
        foreach (ScenarioDefinition d in DriftScenarios.Definitions)
        {
            JsonElement listed = doc.RootElement.EnumerateArray().Single(k => k.GetProperty("kind").GetString() == d.Kind);
            Assert.Equal(d.Help, listed.GetProperty("help").GetString());
            Assert.Equal(d.Parameters.Select(p => (p.Name, p.Default, p.Allowed)),
                listed.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("default").GetString(), p.GetProperty("allowed").GetString()!)));
        }

        var (tableCode, table) = CliRunner.Run("scenarios");
        Assert.True(tableCode == 0, table);
        Assert.All(DriftScenarios.Definitions.SelectMany(d => d.Parameters.Select(p => p.Name).Prepend(d.Kind)), name => Assert.Contains(name, table));
    }

    [Fact]
    public void RunAndSweep_ReadTheScenarioOptionsAlike()
    {
        var run = new RunSettings { Scenario = "gradual-shift", Tasks = 3, DriftParams = ["target-domain=rotate-90"] }.ToSpec().Drift;
        var sweep = new SweepSettings { Scenario = "gradual-shift", Tasks = 3, DriftParams = ["target-domain=rotate-90"], Widths = "32" }.ToSpec().Scenario;
        var data = new DatasetRequest(DatasetLoader.Synthetic);

        Assert.Equal(("gradual-shift", 3, "rotate-90"), (run.Kind, run.Tasks, run.Parameters!["target-domain"]));
        // The same task sequence: the cache key hashes the normalised recipe.
        Assert.Equal(TaskSequenceKey.Of(data, sweep, 1), TaskSequenceKey.Of(data, new ScenarioSpec(run.Kind, run.Tasks, run.Angles, run.TargetDomain, run.Parameters), 1));
        Assert.NotEqual(TaskSequenceKey.Of(data, sweep, 1), TaskSequenceKey.Of(data, sweep with { Parameters = null }, 1));
    }

    [Fact]
    public void AParameterWithOneValuePerTask_SetsTheNumberOfTasks_InBothCommands()
    {
        var run = new RunSettings { Scenario = "rotation", DriftParams = ["angles=0,30,60"] }.ToSpec().Drift;
        var sweep = new SweepSettings { DriftParams = ["angles=0,30,60"], Widths = "32" }.ToSpec().Scenario;

        Assert.Equal(3, run.Tasks);
        Assert.Equal(3, DriftScenarios.Normalised(sweep).Tasks);
    }

    [Theory]
    [InlineData("--drift-param", "colour", "--drift-param: 'colour' is not NAME=VALUE")]
    [InlineData("--drift-param", "target-domain=sepia", "target-domain: unknown value 'sepia'; allowed: invert, rotate-90")]
    [InlineData("--drift-param", "colour=red", "colour: rotation takes no such parameter")]
    public void BadScenarioParameters_AreRefusedBeforeAnythingRuns(string option, string value, string expected)
    {
        var (code, output) = CliRunner.Run("sweep", "--scenario", expected.StartsWith("target", StringComparison.Ordinal) ? "gradual-shift" : "rotation", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, output);
    }
}
