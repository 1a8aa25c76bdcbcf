namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Everything the suite knows of one drift scenario, declared next to its transform (a static <c>Definition</c> on the
/// scenario record): kind, help, parameters, cross-field rules and factory. Kind lists, validation, the command line's
/// <c>scenarios</c> listing and the task cache key all derive from these, so a new scenario is one file.
/// </summary>
/// <param name="Kind">The name specs and the command line use, e.g. "rotation".</param>
/// <param name="Help">One line: what task t looks like.</param>
/// <param name="ListPosition">Where lists show the kind (the paper's rotation first, then in order of addition).</param>
/// <param name="Parameters">The parameters besides the number of tasks.</param>
/// <param name="Create">Builds the scenario from checked arguments.</param>
public sealed record ScenarioDefinition(
    string Kind,
    string Help,
    int ListPosition,
    IReadOnlyList<ScenarioParameter> Parameters,
    Func<ScenarioArguments, DriftScenario> Create)
{
    /// <summary>A parameter with one value per task (rotation's angles): when given, it sets the number of tasks.</summary>
    public ScenarioParameter<IReadOnlyList<double>>? OnePerTask { get; init; }

    /// <summary>The number of tasks <paramref name="parameters"/> set through <see cref="OnePerTask"/>, when it is given and valid; else null.</summary>
    public int? TasksSetBy(IReadOnlyDictionary<string, string>? parameters) =>
        OnePerTask is { } perTask && parameters is not null && parameters.TryGetValue(perTask.Name, out string? text) && perTask.Problem(text) is null
            ? perTask.Read(text).Count
            : null;

    /// <summary>Rules across fields (e.g. class-split's tasks against classes), checked once every field is valid on its own.</summary>
    public Func<ScenarioArguments, IEnumerable<string>> Rules { get; init; } = _ => [];
}
