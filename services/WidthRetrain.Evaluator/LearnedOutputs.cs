using TorchSharp;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Evaluator;

/// <summary>
/// Each model's outputs on the task it had just learned, kept from that round's evaluation. A later round of the chain
/// measures the functional drift of that task against them instead of loading the model again and recomputing them
/// (a round at task k otherwise loads k earlier checkpoints and runs k forward passes more). Keyed by the model's shape,
/// its checkpoint's hash and the task's content hash, and computed by the same code on the same threads from the same
/// weights as a recomputation; the in-process protocol keeps its outputs the same way. Bounded by bytes, least recently
/// used dropped first; a miss (the round was evaluated by another evaluator, or its entry was dropped) recomputes.
/// Used from the compute thread, one job at a time; locked anyway.
/// </summary>
public sealed class LearnedOutputs(long budgetBytes = LearnedOutputs.DefaultBudgetBytes) : IDisposable
{
    /// <summary>64 MiB: a 5,000-sample test set of 10 classes is 200 KB of outputs, so about 300 chain tasks.</summary>
    public const long DefaultBudgetBytes = 64L << 20;

    private readonly Lock sync = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, Tensor Outputs)>> byKey = [];
    private readonly LinkedList<(string Key, Tensor Outputs)> recency = [];
    private long bytes;
    private long hits;

    /// <summary>Entries held now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (sync) return byKey.Count;
        }
    }

    /// <summary>Lookups answered from what was kept (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>A copy of the outputs kept for (model, checkpoint, task), owned by the caller's dispose scope; null when not kept.</summary>
    public Tensor? Find(MlpSpec spec, string checkpointSha256, string taskContentHash)
    {
        lock (sync)
        {
            if (!byKey.TryGetValue(Key(spec, checkpointSha256, taskContentHash), out var node)) return null;
            recency.Remove(node);
            recency.AddFirst(node);
            Interlocked.Increment(ref hits);
            return node.Value.Outputs.clone();
        }
    }

    /// <summary>Keeps a copy of <paramref name="outputs"/>: the outputs of the model of <paramref name="checkpointSha256"/> on the task it had just learned.</summary>
    public void Keep(MlpSpec spec, string checkpointSha256, string taskContentHash, Tensor outputs)
    {
        long size = Bytes(outputs);
        if (size > budgetBytes) return;
        string key = Key(spec, checkpointSha256, taskContentHash);
        lock (sync)
        {
            if (byKey.ContainsKey(key)) return;
            // Out of the caller's dispose scope: the copy lives until it is dropped here.
            byKey[key] = recency.AddFirst((key, outputs.clone().DetachFromDisposeScope()));
            bytes += size;
            while (bytes > budgetBytes && recency.Last is { } stale)
            {
                recency.RemoveLast();
                byKey.Remove(stale.Value.Key);
                bytes -= Bytes(stale.Value.Outputs);
                stale.Value.Outputs.Dispose();
            }
        }
    }

    private static long Bytes(Tensor t) => t.NumberOfElements * t.ElementSize;

    // The checkpoint holds weights only: the shape (activation included) is part of what produced the outputs.
    private static string Key(MlpSpec spec, string checkpointSha256, string taskContentHash) => $"{spec}/{checkpointSha256}/{taskContentHash}";

    public void Dispose()
    {
        lock (sync)
        {
            foreach (var (_, outputs) in recency) outputs.Dispose();
            recency.Clear();
            byKey.Clear();
            bytes = 0;
        }
    }
}
