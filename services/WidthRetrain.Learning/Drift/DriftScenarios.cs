using System.Reflection;
using WidthRetrain.Learning.Data;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// The scenarios every <see cref="DriftScenario"/> record declares (its static <c>Definition</c>, found by reflection so that
/// a new scenario is one file); builds them from specs, with errors that name the field, and materialises task sequences.
/// </summary>
public static class DriftScenarios
{
    public const string Rotation = "rotation";
    public const string Permutation = "permutation";
    public const string ClassSplit = "class-split";
    public const string GradualShift = "gradual-shift";

    /// <summary>Every scenario's definition, in list order.</summary>
    public static IReadOnlyList<ScenarioDefinition> Definitions { get; } = Discover();

    public static IReadOnlyList<string> Kinds { get; } = [.. Definitions.Select(d => d.Kind)];

    /// <summary>The definition of <paramref name="kind"/> (ignoring case and surrounding blanks), or null.</summary>
    public static ScenarioDefinition? Find(string? kind) => Definitions.FirstOrDefault(d => d.Kind == Normalise(kind));

    /// <summary>Returns the scenario, or throws <see cref="ArgumentException"/> listing every bad field.</summary>
    public static DriftScenario Create(ScenarioSpec spec, int classes = 10)
    {
        var (definition, arguments) = Checked(spec, classes);
        return definition.Create(arguments);
    }

    /// <summary>Every bad field of the spec, named (scenario, tasks, or the parameter's name), with what is allowed.</summary>
    public static IReadOnlyList<string> Problems(ScenarioSpec spec, int classes = 10) => Check(spec, classes).Errors;

    /// <summary>
    /// The one spelling of what <paramref name="spec"/> means: kind in lower case, the number of tasks, and every parameter
    /// of the kind with its canonical value (defaults filled in, the Angles and TargetDomain fields moved into Parameters).
    /// Two specs that build the same scenario normalise equal (except rotation's explicit against implied angles).
    /// The rules that need the dataset (class-split's classes) are left to <see cref="Create"/>.
    /// </summary>
    public static ScenarioSpec Normalised(ScenarioSpec spec)
    {
        var (definition, arguments) = Checked(spec, classes: null);
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (ScenarioParameter p in definition.Parameters)
        {
            string? text = arguments.Given.TryGetValue(p.Name, out string? given) ? given : p.Default;
            if (text is not null) parameters[p.Name] = p.Canonical(text);
        }
        return new ScenarioSpec(definition.Kind, arguments.Tasks, Parameters: parameters);
    }

    private static (ScenarioDefinition Definition, ScenarioArguments Arguments) Checked(ScenarioSpec spec, int? classes)
    {
        var (errors, definition, arguments) = Check(spec, classes);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        return (definition!, arguments!);
    }

    private static (IReadOnlyList<string> Errors, ScenarioDefinition? Definition, ScenarioArguments? Arguments) Check(ScenarioSpec spec, int? classes)
    {
        var errors = new List<string>();
        string kind = Normalise(spec.Kind);
        ScenarioDefinition? definition = Find(kind);
        if (definition is null)
            errors.Add($"scenario: unknown value '{spec.Kind}'; allowed: {string.Join(", ", Kinds)}");
        IReadOnlyDictionary<string, string> given = Given(spec, definition, errors);
        bool parametersValid = true;
        foreach (var (name, text) in given)
        {
            ScenarioParameter? parameter = definition?.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
                NotTaken(name, kind, definition, errors);
            else if (parameter.Problem(text) is { } problem)
            {
                errors.Add($"{name}: {problem}");
                parametersValid = false;
            }
        }
        int? tasks = spec.Tasks;
        if (definition?.TasksSetBy(given) is { } count)
        {
            if (tasks is not null && tasks != count)
                errors.Add($"tasks: {tasks} does not match the {count} {definition.OnePerTask!.Name} given; omit one or make them agree");
            tasks = count;
        }
        if (tasks is null or < 1)
            errors.Add($"tasks: must be at least 1, got {tasks?.ToString() ?? "nothing"}");
        else if (definition is not null && parametersValid)
        {
            var arguments = new ScenarioArguments(tasks.Value, classes ?? 0, given);
            if (classes is not null) errors.AddRange(definition.Rules(arguments));
            if (errors.Count == 0) return (errors, definition, arguments);
        }
        return (errors, null, null);
    }

    /// <summary>
    /// The parameters given, by name: the Parameters map and the older Angles and TargetDomain fields, which mean the same.
    /// TargetDomain was always ignored by kinds that do not take it (specs were recorded with it beside rotation), so it
    /// still is; Angles on another kind was always refused.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Given(ScenarioSpec spec, ScenarioDefinition? definition, List<string> errors)
    {
        var given = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in spec.Parameters ?? new Dictionary<string, string>())
            given[Normalise(name)] = text.Trim();
        if (spec.Angles is { Count: > 0 } angles)
            Field(given, RotationScenario.Angles.Name, string.Join(",", angles.Select(ScenarioParameter.Format)), errors);
        if (spec.TargetDomain is { } target && definition?.Parameters.Any(p => p.Name == GradualShiftScenario.Target.Name) == true)
            Field(given, GradualShiftScenario.Target.Name, target, errors);
        return given;
    }

    private static void Field(SortedDictionary<string, string> given, string name, string text, List<string> errors)
    {
        if (given.TryGetValue(name, out string? other) && other.Replace(" ", "", StringComparison.Ordinal) != text)
            errors.Add($"{name}: given both as a field ({text}) and as a parameter ({other}); give it once");
        given[name] = text;
    }

    private static void NotTaken(string name, string kind, ScenarioDefinition? definition, List<string> errors)
    {
        string[] takers = [.. Definitions.Where(d => d.Parameters.Any(p => p.Name == name)).Select(d => d.Kind)];
        if (takers.Length > 0)
            errors.Add($"{name}: only the {string.Join(", ", takers)} scenario{(takers.Length > 1 ? "s take" : " takes")} {name}, not {kind}");
        else if (definition is not null)
            errors.Add($"{name}: {kind} takes no such parameter; it takes: {(definition.Parameters.Count == 0 ? "none" : string.Join(", ", definition.Parameters.Select(p => p.Name)))}");
        else
            errors.Add($"{name}: no scenario takes such a parameter");
    }

    private static string Normalise(string? text) => (text ?? "").Trim().ToLowerInvariant();

    private static ScenarioDefinition[] Discover()
    {
        ScenarioDefinition[] found =
        [
            .. typeof(DriftScenario).Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(DriftScenario)) && !t.IsAbstract)
                .Select(t => t.GetProperty(nameof(RotationScenario.Definition), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ScenarioDefinition
                    ?? throw new InvalidOperationException($"{t.Name} must declare its kind as `public static ScenarioDefinition Definition`"))
                .OrderBy(d => d.ListPosition),
        ];
        if (found.GroupBy(d => d.Kind).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"drift scenario kind '{twice.Key}' is declared twice");
        return found;
    }

    /// <summary>Materialises one task (train and test) from the source dataset: flattened float32 inputs.</summary>
    public static TaskData Materialize(DriftScenario scenario, DatasetPair source, int taskIndex, long seed)
    {
        using var scope = NewDisposeScope();
        var (trainImages, trainLabels) = scenario.Apply(source.Train.Images, source.Train.Labels, taskIndex, seed, train: true);
        var (testImages, testLabels) = scenario.Apply(source.Test.Images, source.Test.Labels, taskIndex, seed, train: false);
        return new TaskData(taskIndex, scenario.Describe(taskIndex),
            trainImages.flatten(1).contiguous().MoveToOuterDisposeScope(), trainLabels.MoveToOuterDisposeScope(),
            testImages.flatten(1).contiguous().MoveToOuterDisposeScope(), testLabels.MoveToOuterDisposeScope());
    }

    /// <summary>Materialises every task of the scenario.</summary>
    public static IReadOnlyList<TaskData> MaterializeAll(DriftScenario scenario, DatasetPair source, long seed) =>
        Enumerable.Range(0, scenario.TaskCount).Select(t => Materialize(scenario, source, t, seed)).ToArray();
}
