using TorchSharp;
using static TorchSharp.torch;

namespace WidthRetrain.Evaluator;

/// <summary>
/// Each model's outputs on the task it had just learned, kept from that round's evaluation. A later round of the chain
/// measures the functional drift of that task against them instead of loading the model again and recomputing them
/// (a round at task k otherwise loads k earlier checkpoints and runs k forward passes more). Keyed by the checkpoint's
/// and the task's content hashes, and computed by the same code on the same threads, so an entry is exactly what
/// recomputing would give. Bounded by bytes, least recently used dropped first; a miss (the round was evaluated by
/// another evaluator, or its entry was dropped) recomputes. Used from the compute thread, one job at a time; locked anyway.
/// </summary>
public sealed class LearnedOutputs(long budgetBytes = LearnedOutputs.DefaultBudgetBytes) : IDisposable
{
    /// <summary>64 MiB: a 5,000-sample test set of 10 classes is 200 KB of outputs, so about 300 chain tasks.</summary>
    public const long DefaultBudgetBytes = 64L << 20;

    private readonly Lock sync = new();
    private readonly LinkedList<(string Key, Tensor Outputs)> entries = [];
    private long bytes;

    /// <summary>Entries held now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (sync) return entries.Count;
        }
    }

    /// <summary>A copy of the outputs kept for (checkpoint, task), owned by the caller's dispose scope; null when not kept.</summary>
    public Tensor? Find(string checkpointSha256, string taskContentHash)
    {
        lock (sync)
        {
            LinkedListNode<(string Key, Tensor Outputs)>? node = Lookup(Key(checkpointSha256, taskContentHash));
            if (node is null) return null;
            entries.Remove(node);
            entries.AddFirst(node);
            return node.Value.Outputs.clone();
        }
    }

    /// <summary>Keeps a copy of <paramref name="outputs"/>, the outputs of the model of <paramref name="checkpointSha256"/> on the task it had just learned.</summary>
    public void Keep(string checkpointSha256, string taskContentHash, Tensor outputs)
    {
        long size = outputs.NumberOfElements * outputs.ElementSize;
        if (size > budgetBytes) return;
        string key = Key(checkpointSha256, taskContentHash);
        lock (sync)
        {
            if (Lookup(key) is not null) return;
            Tensor copy = outputs.detach().clone().DetachFromDisposeScope();
            entries.AddFirst((key, copy));
            bytes += size;
            while (bytes > budgetBytes && entries.Last is { } stale)
            {
                entries.RemoveLast();
                bytes -= stale.Value.Outputs.NumberOfElements * stale.Value.Outputs.ElementSize;
                stale.Value.Outputs.Dispose();
            }
        }
    }

    private LinkedListNode<(string Key, Tensor Outputs)>? Lookup(string key)
    {
        for (LinkedListNode<(string Key, Tensor Outputs)>? n = entries.First; n is not null; n = n.Next)
            if (n.Value.Key == key) return n;
        return null;
    }

    private static string Key(string checkpointSha256, string taskContentHash) => checkpointSha256 + "/" + taskContentHash;

    public void Dispose()
    {
        lock (sync)
        {
            foreach (var (_, outputs) in entries) outputs.Dispose();
            entries.Clear();
            bytes = 0;
        }
    }
}
