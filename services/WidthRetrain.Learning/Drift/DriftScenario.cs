using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// A drift scenario turns one dataset into a sequence of tasks. Every transform is a pure function of
/// (scenario, seed, task index, split), applied to whole tensors at once.
/// </summary>
public abstract record DriftScenario
{
    public abstract string Kind { get; }
    public abstract int TaskCount { get; }

    /// <summary>A short human description of task <paramref name="taskIndex"/>, e.g. "rotation 45°".</summary>
    public abstract string Describe(int taskIndex);

    /// <summary>Returns this task's images [N, H, W] and labels [N]; the inputs are not modified.</summary>
    public abstract (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train);

    protected void CheckIndex(int taskIndex)
    {
        if (taskIndex < 0 || taskIndex >= TaskCount)
            throw new ArgumentOutOfRangeException(nameof(taskIndex), $"task index {taskIndex} outside 0..{TaskCount - 1}");
    }

    /// <summary>Mixes the seed with the task index and split so that tasks draw independent streams.</summary>
    protected static ulong StreamSeed(long seed, int taskIndex, bool train, int salt) =>
        unchecked((ulong)(seed * 1_000_003L + taskIndex * 7_919L + (train ? 0 : 104_729L) + salt * 15_485_863L));
}
