using WidthRetrain.Campaigns;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Compute.Tasks;

/// <summary>
/// Materialised task sequences, shared by the consumers of one process (in embedded mode: by every service).
/// A sequence is built once from its recipe, held while leased, and dropped least-recently-used while the unleased
/// ones take more than the memory budget (Compute:TaskCacheMiB). A budget by bytes, not by count: the planner runs the
/// seeds of a stage round-robin, so a cache smaller than the stage's seeds rebuilt a sequence (load, rotate, hash) for
/// every round (measured: 6-8 s of wall per round of the five-seed demo against under 1 s of training).
/// </summary>
public sealed class TaskCache(StorageOptions storage, ComputeOptions? compute = null) : IDisposable
{
    private readonly long budgetBytes = (long)(compute ?? new ComputeOptions()).TaskCacheMiB * 1024 * 1024;

    private readonly object gate = new();
    private readonly List<Entry> entries = [];

    /// <summary>The task sequence of (dataset, drift, seed); dispose the lease when done with its tensors.</summary>
    public TaskLease Lease(DatasetSpec dataset, DriftSpec drift, long seed)
    {
        // A hash of the whole normalised recipe: a scenario parameter cannot be left out of the key by hand.
        string key = TaskSequenceKey.Of(ContractMapping.ToDatasetRequest(dataset, storage.DataDirectory, seed), ContractMapping.ToScenarioSpec(drift), seed);
        lock (gate)
        {
            Entry? entry = entries.FirstOrDefault(e => e.Key == key);
            if (entry is null)
            {
                using DatasetPair data = DatasetLoader.Load(ContractMapping.ToDatasetRequest(dataset, storage.DataDirectory, seed));
                DriftScenario scenario = DriftScenarios.Create(ContractMapping.ToScenarioSpec(drift), data.Train.Classes);
                IReadOnlyList<TaskData> tasks = DriftScenarios.MaterializeAll(scenario, data, seed);
                entry = new Entry(key, tasks, data.Train.Classes, tasks.Sum(Bytes));
                entries.Add(entry);
            }
            entries.Remove(entry);
            entries.Insert(0, entry); // most recently used first
            entry.Leases++;
            Evict();
            return new TaskLease(entry.Tasks, entry.Classes, () => Release(entry));
        }
    }

    /// <summary>
    /// Leases the sequence the specs describe and checks every task's content hash: a mismatch means this process
    /// would train or evaluate on other data than the campaign recorded, and is refused for good.
    /// </summary>
    public TaskLease LeaseVerified(IReadOnlyList<TaskSpec> specs)
    {
        if (specs.Count == 0) throw new PermanentFailureException("tasks: the message holds no task specs");
        TaskSpec first = specs[0];
        TaskLease lease = Lease(first.Dataset, first.Drift, first.Seed);
        foreach (TaskSpec spec in specs)
        {
            string actual = spec.Index < lease.Tasks.Count ? lease.Tasks[spec.Index].ContentHash : "(no such task)";
            if (actual != spec.ContentHash)
            {
                lease.Dispose();
                throw new PermanentFailureException(
                    $"task {spec.Index} ({spec.Description}, seed {spec.Seed}): content hash {actual} here, {spec.ContentHash} recorded; refusing to use different data");
            }
        }
        return lease;
    }

    private void Release(Entry entry)
    {
        lock (gate)
        {
            entry.Leases--;
            Evict();
        }
    }

    /// <summary>Drops the least recently used unleased sequences while the cache holds more than its budget.</summary>
    private void Evict()
    {
        long held = entries.Sum(e => e.Bytes);
        foreach (Entry stale in entries.AsEnumerable().Reverse().Where(e => e.Leases == 0).ToArray())
        {
            if (held <= budgetBytes) break;
            entries.Remove(stale);
            held -= stale.Bytes;
            foreach (TaskData t in stale.Tasks) t.Dispose();
        }
    }

    /// <summary>Sequences held now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (gate) return entries.Count;
        }
    }

    private static long Bytes(TaskData t) =>
        new[] { t.TrainX, t.TrainY, t.TestX, t.TestY }.Sum(x => x.NumberOfElements * x.ElementSize);

    public void Dispose()
    {
        lock (gate)
        {
            foreach (TaskData t in entries.SelectMany(e => e.Tasks)) t.Dispose();
            entries.Clear();
        }
    }

    private sealed class Entry(string key, IReadOnlyList<TaskData> tasks, int classes, long bytes)
    {
        public long Bytes { get; } = bytes;

        public string Key { get; } = key;
        public IReadOnlyList<TaskData> Tasks { get; } = tasks;
        public int Classes { get; } = classes;
        public int Leases { get; set; }
    }
}
