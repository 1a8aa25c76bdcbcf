using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Compute.Tasks;

/// <summary>A held task sequence: its tensors stay alive until the lease is disposed.</summary>
public sealed class TaskLease(IReadOnlyList<TaskData> tasks, int classes, Action release) : IDisposable
{
    private int released;

    public IReadOnlyList<TaskData> Tasks { get; } = tasks;
    public int Classes { get; } = classes;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) release();
    }
}
