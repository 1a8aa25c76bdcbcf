namespace WidthRetrain.Architecture.Tests;

public class DependencyRuleTests
{
    [Fact]
    public void EveryProject_ReferencesOnlyWhatItMay()
    {
        ProjectGraph graph = ProjectGraph.Load();
        Assert.True(graph.Nodes.Count >= 12, $"found only {graph.Nodes.Count} projects under {ProjectGraph.Root}");
        IReadOnlyList<string> violations = DependencyRules.Violations(graph);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void TheRules_CatchACoreThatReachesTheShell_DirectlyOrThroughAProject()
    {
        // The real graph with two breaks added: Learning takes MassTransit itself; Investment references Hosting (and so Serilog).
        var nodes = ProjectGraph.Load().Nodes.ToDictionary(n => n.Key, n => n.Value);
        nodes["WidthRetrain.Learning"] = (nodes["WidthRetrain.Learning"].Projects, [.. nodes["WidthRetrain.Learning"].Packages, "MassTransit"]);
        nodes["WidthRetrain.Investment"] = ([.. nodes["WidthRetrain.Investment"].Projects, "WidthRetrain.Hosting"], nodes["WidthRetrain.Investment"].Packages);
        nodes["WidthRetrain.Gateway"] = ([], []);
        string found = string.Join("\n", DependencyRules.Violations(new ProjectGraph(nodes)));

        Assert.Contains("WidthRetrain.Learning reaches package MassTransit, which it must not (nothing named MassTransit*)", found);
        Assert.Contains("WidthRetrain.Investment references WidthRetrain.Hosting; it may reference only WidthRetrain.Contracts", found);
        Assert.Contains("WidthRetrain.Investment reaches package Serilog", found);
        Assert.Contains("WidthRetrain.Gateway: not in the dependency rules", found);
    }

    [Fact]
    public void TheImagesRestoreLayer_CopiesEveryProjectFile()
    {
        // A project missing there restores in the later layer on every source change, or fails the publish.
        string dockerfile = File.ReadAllText(Path.Combine(ProjectGraph.Root, "infra", "docker", "Dockerfile"));
        string[] missing = ProjectGraph.Load().Nodes.Keys.Where(p => !dockerfile.Contains($"/{p}/{p}.csproj", StringComparison.Ordinal)).ToArray();
        Assert.True(missing.Length == 0, $"infra/docker/Dockerfile does not COPY the project files of: {string.Join(", ", missing)}");
    }
}
