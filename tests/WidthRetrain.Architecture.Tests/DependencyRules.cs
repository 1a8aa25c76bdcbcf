namespace WidthRetrain.Architecture.Tests;

/// <summary>
/// What each project may reference (docs/architecture.md explains why). The functional cores reach no messaging,
/// database, logging or console library; the service frame reaches no model code; services reach each other only
/// through the contracts.
/// </summary>
public static class DependencyRules
{
    private const string Contracts = "WidthRetrain.Contracts", Learning = "WidthRetrain.Learning", Investment = "WidthRetrain.Investment",
        Campaigns = "WidthRetrain.Campaigns", Hosting = "WidthRetrain.Hosting", Compute = "WidthRetrain.Compute";

    /// <summary>The projects each project may reference directly; null: any (the CLI composes the whole suite).</summary>
    public static IReadOnlyDictionary<string, string[]?> AllowedReferences { get; } = new Dictionary<string, string[]?>
    {
        [Contracts] = [],
        [Learning] = [],
        [Investment] = [Contracts],
        [Campaigns] = [Contracts, Learning, Investment],
        [Hosting] = [Contracts],
        [Compute] = [Campaigns, Hosting],
        ["WidthRetrain.DriftGenerator"] = [Hosting, Compute],
        ["WidthRetrain.Trainer"] = [Hosting, Compute],
        ["WidthRetrain.Evaluator"] = [Hosting, Compute],
        ["WidthRetrain.CostAccountant"] = [Hosting, Investment],
        ["WidthRetrain.Planner"] = [Hosting, Investment, Campaigns],
        // Reads the planner's read models and record and calls the same audit and replay as the CLI; appends nothing.
        ["WidthRetrain.Dashboard"] = [Contracts, Hosting, Investment, Campaigns, "WidthRetrain.Planner"],
        ["WidthRetrain.Cli"] = null,
    };

    /// <summary>Packages (by prefix) a project must not reach, directly or through any project it references.</summary>
    public static IReadOnlyDictionary<string, string[]> ForbiddenPackages { get; } = new Dictionary<string, string[]>
    {
        [Contracts] = [""], // no package at all: integrators take the contracts as they are
        [Learning] = Shell,
        [Investment] = [.. Shell, "TorchSharp", "libtorch"],
        [Campaigns] = Shell,
        [Hosting] = ["Marten", "TorchSharp", "libtorch", "Spectre", "ScottPlot"],
        [Compute] = ["Marten", "Spectre", "ScottPlot"],
    };

    private static string[] Shell => ["MassTransit", "Marten", "Npgsql", "Serilog", "Polly", "Spectre", "ScottPlot", "Microsoft.Extensions.Hosting"];

    /// <summary>Every broken rule, one line each, naming the project, what it references and what it may.</summary>
    public static IReadOnlyList<string> Violations(ProjectGraph graph)
    {
        var found = new List<string>();
        foreach (var (project, (references, _)) in graph.Nodes.OrderBy(n => n.Key))
        {
            if (!AllowedReferences.TryGetValue(project, out string[]? allowed))
            {
                found.Add($"{project}: not in the dependency rules; add it to DependencyRules and docs/architecture.md with what it may reference");
                continue;
            }
            foreach (string r in references.Where(r => allowed is not null && !allowed.Contains(r)))
                found.Add($"{project} references {r}; it may reference only {(allowed!.Length == 0 ? "no project" : string.Join(", ", allowed))}");
            foreach (string package in graph.PackagesOf(project))
                foreach (string prefix in ForbiddenPackages.GetValueOrDefault(project, []).Where(f => package.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
                    found.Add($"{project} reaches package {package}, which it must not ({(prefix.Length == 0 ? "no packages at all" : $"nothing named {prefix}*")})");
        }
        return found;
    }
}
