using TorchSharp;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Growing sensor noise: task t adds Gaussian pixel noise of standard deviation σ_t = MaxStd · t / (T - 1), drawn from
/// (seed, t, split), and clips to [0, 1]. Task 0 is the original data, the last task the noisiest; labels unchanged.
/// </summary>
public sealed record NoiseScenario(int Tasks, double MaxStd) : DriftScenario
{
    public static ScenarioParameter<double> MaxStdParameter { get; } = ScenarioParameter.Number("max-std",
        "standard deviation of the noise in the last task, in pixel units (pixels are 0 to 1)", 0.5, v => v is > 0 and <= 1, "a number in (0, 1]");

    public static ScenarioDefinition Definition { get; } = new("noise",
        "task t adds seeded Gaussian pixel noise whose standard deviation grows linearly from 0 to max-std, clipped to [0, 1]",
        ListPosition: 5, [MaxStdParameter], a => new NoiseScenario(a.Tasks, a.Get(MaxStdParameter)));

    public override string Kind => Definition.Kind;
    public override int TaskCount => Tasks;
    public double StdOf(int taskIndex) => Tasks == 1 ? 0 : MaxStd * taskIndex / (Tasks - 1);
    public override string Describe(int taskIndex) => $"noise std {StdOf(taskIndex):0.###}";

    public override (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train)
    {
        CheckIndex(taskIndex);
        if (StdOf(taskIndex) == 0) return (images.clone(), labels.clone());
        using var scope = NewDisposeScope();
        using var gen = new Generator(StreamSeed(seed, taskIndex, train, salt: 3));
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar std = StdOf(taskIndex), zero = 0, one = 1;
        Tensor noisy = (images + randn(images.shape, dtype: images.dtype, generator: gen) * std).clamp(zero, one);
        return (noisy.MoveToOuterDisposeScope(), labels.clone().MoveToOuterDisposeScope());
    }
}
