using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Class-incremental split with a single head: the classes are dealt into <see cref="Tasks"/> contiguous groups
/// (10 classes, 5 tasks: {0,1}, {2,3}, ...); task t holds only its group's samples, labels unchanged, and the
/// model keeps one output per class of the whole dataset (no task id at test time).
/// </summary>
public sealed record ClassSplitScenario(int Tasks, int Classes) : DriftScenario
{
    public static ScenarioDefinition Definition { get; } = new(DriftScenarios.ClassSplit,
        "the classes dealt into T groups ({0,1}, {2,3}, ...), one shared head over all classes, no task id",
        ListPosition: 3, [], a => new ClassSplitScenario(a.Tasks, a.Classes))
    {
        Rules = a => a.Tasks > a.Classes ? [$"tasks: class-split needs at most one task per class ({a.Classes}), got {a.Tasks}"] : [],
    };

    public override string Kind => Definition.Kind;
    public override int TaskCount => Tasks;
    public override string Describe(int taskIndex) => $"classes {string.Join(",", ClassesOf(taskIndex))}";

    public IReadOnlyList<int> ClassesOf(int taskIndex)
    {
        CheckIndex(taskIndex);
        int from = taskIndex * Classes / Tasks, to = (taskIndex + 1) * Classes / Tasks;
        return Enumerable.Range(from, to - from).ToArray();
    }

    public override (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train)
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<int> group = ClassesOf(taskIndex);
        Tensor mask = isin(labels, tensor(group.Select(c => (long)c).ToArray()));
        Tensor idx = mask.nonzero().squeeze(1);
        return (images.index_select(0, idx).MoveToOuterDisposeScope(), labels.index_select(0, idx).MoveToOuterDisposeScope());
    }
}
