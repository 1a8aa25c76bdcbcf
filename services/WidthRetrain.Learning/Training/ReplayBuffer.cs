using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>Experience replay: a fixed number of samples kept from each finished task, drawn from with a seeded generator.</summary>
public sealed class ReplayBuffer : IDisposable
{
    // Owned by the buffer alone, never by a caller's dispose scope.
    private Tensor? x;
    private Tensor? y;

    public int Count => x is null ? 0 : (int)x.shape[0];

    /// <summary>Keeps <paramref name="perTask"/> random training samples of a finished task.</summary>
    public void Remember(Tensor trainX, Tensor trainY, int perTask, Generator generator)
    {
        if (perTask <= 0) return;
        using var scope = NewDisposeScope();
        long take = Math.Min(perTask, trainX.shape[0]);
        Tensor idx = randperm(trainX.shape[0], generator: generator).narrow(0, 0, take);
        Tensor newX = trainX.index_select(0, idx), newY = trainY.index_select(0, idx);
        if (x is not null && y is not null)
        {
            newX = cat([x, newX], 0);
            newY = cat([y, newY], 0);
            x.Dispose();
            y.Dispose();
        }
        x = newX.DetachFromDisposeScope();
        y = newY.DetachFromDisposeScope();
    }

    /// <summary>Draws <paramref name="count"/> samples uniformly with replacement (tensors belong to the caller's scope).</summary>
    public (Tensor X, Tensor Y) Sample(long count, Generator generator)
    {
        if (x is null || y is null) throw new InvalidOperationException("the replay buffer is empty");
        Tensor idx = randint(0, x.shape[0], [count], generator: generator, dtype: ScalarType.Int64);
        return (x.index_select(0, idx), y.index_select(0, idx));
    }

    public void Dispose()
    {
        x?.Dispose();
        y?.Dispose();
    }
}
