using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// How many sibling models to train as one group, by model size, from `widthretrain bench training` on 2 cores: small
/// models are bound by libtorch's per-operation cost, which a group pays once; wide ones are already bound by their
/// FLOPs, and a group only multiplies their memory. A model's results do not depend on its group (see
/// <see cref="SiblingLearner.GroupsExactly"/>), so this is purely a speed and memory choice.
/// </summary>
public static class SiblingGroups
{
    /// <summary>Parameters above which a model trains alone.</summary>
    public const long AloneAbove = 1_000_000;

    /// <summary>The most models trained together.</summary>
    public const int Largest = 8;

    public static int MaxSize(MlpSpec spec) => ModelCost.Parameters(spec) > AloneAbove ? 1 : Largest;
}
