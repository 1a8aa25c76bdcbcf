using WidthRetrain.Compute;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Hosting.Tests;

public class InfrastructureTests
{
    [Fact]
    public void DeterministicGuids_AreStableAndDistinct()
    {
        Assert.Equal(BusSetup.DeterministicGuid("a/b"), BusSetup.DeterministicGuid("a/b"));
        Assert.NotEqual(BusSetup.DeterministicGuid("a/b"), BusSetup.DeterministicGuid("a/c"));
        Assert.Equal('5', BusSetup.DeterministicGuid("x").ToString()[14]); // version 5 layout
    }

    [Fact]
    public async Task ComputeGate_RunsEveryJobOnOneThread_OneAtATime_AndPassesExceptionsOn()
    {
        using var gate = new ComputeGate(new ComputeOptions());
        int running = 0, maxRunning = 0;
        var threads = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => gate.RunAsync(() =>
        {
            int now = Interlocked.Increment(ref running);
            maxRunning = Math.Max(maxRunning, now);
            threads.Add(Environment.CurrentManagedThreadId);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return 0;
        }, CancellationToken.None)));
        Assert.Equal(1, maxRunning);
        Assert.Single(threads.Distinct());
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None));
    }

    [Fact]
    public void TaskCache_RefusesATaskWhoseContentDiffersFromTheRecord()
    {
        using var cache = new TaskCache(new StorageOptions());
        var dataset = new DatasetSpec("synthetic", 100, 20);
        var drift = new DriftSpec("permutation", 2);
        string realHash;
        using (TaskLease lease = cache.Lease(dataset, drift, 4)) realHash = lease.Tasks[1].ContentHash;

        var good = new TaskSpec(1, "t", dataset, drift, 4, 100, 20, realHash);
        using (cache.LeaseVerified([good])) { }
        var forged = good with { ContentHash = new string('0', 64) };
        var e = Assert.Throws<PermanentFailureException>(() => cache.LeaseVerified([forged]));
        Assert.Contains("content hash", e.Message);
        Assert.Contains(realHash, e.Message);
    }

    [Fact]
    public void TaskCache_KeepsScenariosThatDifferOnlyInAParameter_Apart_AndSpellingsOfOneScenario_Together()
    {
        using var cache = new TaskCache(new StorageOptions());
        var dataset = new DatasetSpec("synthetic", 100, 20);
        var invert = new DriftSpec("gradual-shift", 2);
        var turned = invert with { Parameters = new Dictionary<string, string> { ["target-domain"] = "rotate-90" } };
        var turnedByField = invert with { TargetDomain = "rotate-90" };

        using TaskLease a = cache.Lease(dataset, invert, 4), b = cache.Lease(dataset, turned, 4), c = cache.Lease(dataset, turnedByField, 4);
        Assert.NotEqual(a.Tasks[1].ContentHash, b.Tasks[1].ContentHash);
        Assert.Same(b.Tasks, c.Tasks);
    }

    [Fact]
    public void TaskCache_KeepsWhatFitsItsMemoryBudget_AndDropsTheLeastRecentlyUsed()
    {
        var dataset = new DatasetSpec("synthetic", 100, 20);
        var drift = new DriftSpec("permutation", 2);
        using (var roomy = new TaskCache(new StorageOptions(), new ComputeOptions { TaskCacheMiB = 64 }))
        {
            // Five seeds round-robin, as a stage trains them: each sequence is built once and stays.
            IReadOnlyList<TaskData> first;
            using (TaskLease lease = roomy.Lease(dataset, drift, 1)) first = lease.Tasks;
            for (long seed = 1; seed <= 5; seed++) roomy.Lease(dataset, drift, seed).Dispose();
            Assert.Equal(5, roomy.Count);
            using TaskLease again = roomy.Lease(dataset, drift, 1);
            Assert.Same(first, again.Tasks);
        }
        using var none = new TaskCache(new StorageOptions(), new ComputeOptions { TaskCacheMiB = 0 });
        TaskLease held = none.Lease(dataset, drift, 1);
        none.Lease(dataset, drift, 2).Dispose();
        Assert.Equal(1, none.Count); // the leased one stays while leased, whatever the budget
        held.Dispose();
        Assert.Equal(0, none.Count);
    }
}
