using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// How many sibling models to train as one group, by model size, from `widthretrain bench training` on 2 cores (batch
/// 32, groups of 3 against one model: 1.81x the samples/s at width 32, 1.71x at 128, 1.29x at 256, 1.02x at 512,
/// 1.08x at 1024): small models are bound by libtorch's per-operation cost, which a group pays once; wide ones are
/// already bound by their FLOPs, and a group only multiplies their memory and makes their rounds wait for siblings. A model's results do not depend on its group (see
/// <see cref="SiblingLearner.GroupsExactly"/>), so this is purely a speed and memory choice.
/// </summary>
public static class SiblingGroups
{
    /// <summary>Parameters above which a model trains alone.</summary>
    public const long AloneAbove = 300_000;

    /// <summary>The most models trained together.</summary>
    public const int Largest = 8;

    public static int MaxSize(MlpSpec spec) => ModelCost.Parameters(spec) > AloneAbove ? 1 : Largest;
}
