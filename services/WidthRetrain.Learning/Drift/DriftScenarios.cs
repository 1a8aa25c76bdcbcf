using WidthRetrain.Learning.Data;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>Builds scenarios from specs (with errors that name the field) and materialises task sequences.</summary>
public static class DriftScenarios
{
    public const string Rotation = "rotation";
    public const string Permutation = "permutation";
    public const string ClassSplit = "class-split";
    public const string GradualShift = "gradual-shift";
    public static IReadOnlyList<string> Kinds { get; } = [Rotation, Permutation, ClassSplit, GradualShift];

    /// <summary>Returns the scenario, or throws <see cref="ArgumentException"/> listing every bad field.</summary>
    public static DriftScenario Create(ScenarioSpec spec, int classes = 10)
    {
        IReadOnlyList<string> errors = Problems(spec, classes);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        string kind = spec.Kind.Trim().ToLowerInvariant();
        int t = kind == Rotation && spec.Angles is { Count: > 0 } given ? given.Count : spec.Tasks!.Value;
        return kind switch
        {
            Rotation => spec.Angles is { Count: > 0 } a ? new RotationScenario(a.ToArray()) : RotationScenario.Paper(t),
            Permutation => new PermutationScenario(t),
            ClassSplit => new ClassSplitScenario(t, classes),
            _ => new GradualShiftScenario(t, spec.TargetDomain ?? GradualShiftScenario.Invert),
        };
    }

    /// <summary>Every bad field of the spec, named (scenario, tasks, angles, target-domain), with what is allowed.</summary>
    public static IReadOnlyList<string> Problems(ScenarioSpec spec, int classes = 10)
    {
        var errors = new List<string>();
        string kind = spec.Kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(kind))
            errors.Add($"scenario: unknown value '{spec.Kind}'; allowed: {string.Join(", ", Kinds)}");
        int? tasks = spec.Tasks;
        if (kind == Rotation && spec.Angles is { Count: > 0 } angles)
        {
            if (tasks is not null && tasks != angles.Count)
                errors.Add($"tasks: {tasks} does not match the {angles.Count} angles given; omit one or make them agree");
            if (angles.Any(a => !double.IsFinite(a)))
                errors.Add("angles: every angle must be a finite number of degrees");
            tasks = angles.Count;
        }
        else if (spec.Angles is { Count: > 0 } && kind != Rotation)
            errors.Add($"angles: only the rotation scenario takes angles, not {kind}");
        if (tasks is null or < 1)
            errors.Add($"tasks: must be at least 1, got {tasks?.ToString() ?? "nothing"}");
        else if (kind == ClassSplit && tasks > classes)
            errors.Add($"tasks: class-split needs at most one task per class ({classes}), got {tasks}");
        string target = spec.TargetDomain ?? GradualShiftScenario.Invert;
        if (kind == GradualShift && !GradualShiftScenario.TargetDomains.Contains(target))
            errors.Add($"target-domain: unknown value '{spec.TargetDomain}'; allowed: {string.Join(", ", GradualShiftScenario.TargetDomains)}");
        return errors;
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
