using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Permuted tasks: task t applies one fixed pixel permutation, drawn from (seed, t), to every image; task 0 is
/// the identity so that the first task is the original data. Labels unchanged.
/// </summary>
public sealed record PermutationScenario(int Tasks) : DriftScenario
{
    public static ScenarioDefinition Definition { get; } = new(DriftScenarios.Permutation,
        "task 0 is the original; task t applies one fixed seeded pixel permutation",
        ListPosition: 2, [], a => new PermutationScenario(a.Tasks));

    public override string Kind => Definition.Kind;
    public override int TaskCount => Tasks;
    public override string Describe(int taskIndex) => taskIndex == 0 ? "original pixels" : $"pixel permutation #{taskIndex}";

    public override (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train)
    {
        CheckIndex(taskIndex);
        if (taskIndex == 0) return (images.clone(), labels.clone());
        using var scope = NewDisposeScope();
        long n = images.shape[0], h = images.shape[1], w = images.shape[2];
        // Same permutation for train and test of a task: the stream ignores the split.
        using var gen = new Generator(StreamSeed(seed, taskIndex, train: true, salt: 1));
        Tensor perm = randperm(h * w, generator: gen);
        Tensor permuted = images.reshape(n, h * w).index_select(1, perm).reshape(n, h, w);
        return (permuted.MoveToOuterDisposeScope(), labels.clone().MoveToOuterDisposeScope());
    }
}
