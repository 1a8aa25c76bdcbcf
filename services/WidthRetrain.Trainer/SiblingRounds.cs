using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WidthRetrain.Campaigns;
using WidthRetrain.Compute;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Trainer;

/// <summary>
/// Trains the rounds this trainer holds in sibling groups: rounds waiting for the compute thread that share an arm's
/// model and training and a task position (the seeds of an arm, arms of equal shape) train as one stacked model
/// (<see cref="SiblingLearner"/>), each ending exactly where it would alone. Rounds that arrive while the compute thread
/// is busy are trained together next. Chains drift apart after their first task (each seed's next round comes after its
/// own evaluation and price), so a round whose siblings trained here with it on the previous task waits for them while
/// other work (their evaluations, in one process) uses the compute thread: at most Compute:GroupWaitMilliseconds, and
/// never longer than that group took to train (waiting longer could not pay: grouping saves less than the group's time).
/// The wait starts when the compute thread could first take the round, not when it arrived behind other work. A stage's
/// first rounds wait briefly for one another (Compute:FirstRoundsGatherMilliseconds).
/// Each round keeps its own message, outcome and error: a round that cannot be prepared fails alone.
/// </summary>
public sealed class SiblingRounds(TaskCache cache, ComputeGate gate, CheckpointDirectory store, ComputeOptions compute, ServiceIdentity identity,
    ILogger<SiblingRounds> log)
{
    private readonly Lock sync = new();
    private int largestGroup;
    private readonly List<Pending> pending = [];
    private readonly Dictionary<(Guid Campaign, int Stage, string Arm, int Task), TaskRecord> records = [];

    private bool draining;
    private int groupsTrained;

    /// <summary>Groups (of one or more rounds) trained so far.</summary>
    public int GroupsTrained => Volatile.Read(ref groupsTrained);

    /// <summary>The most rounds this trainer has trained together so far (for logs and tests).</summary>
    public int LargestGroup => Volatile.Read(ref largestGroup);

    /// <summary>Trains <paramref name="m"/> (with whichever siblings are waiting) and completes with its result.</summary>
    public Task<RoundTrained> Train(TrainRound m, CancellationToken cancel)
    {
        var p = new Pending(m, cancel, new TaskCompletionSource<RoundTrained>(TaskCreationOptions.RunContinuationsAsynchronously));
        // A round given up (shutdown) stops waiting at once; if its group already trains, the group is cancelled too.
        CancellationTokenRegistration stop = cancel.Register(() => p.Done.TrySetCanceled(cancel));
        _ = p.Done.Task.ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
        lock (sync)
        {
            pending.Add(p);
            if (!draining)
            {
                draining = true;
                ScheduleDrain();
            }
        }
        return p.Done.Task;
    }

    // Called under the lock. A drain the gate refuses (it is stopping) fails what waits, rather than leaving it waiting.
    private void ScheduleDrain() =>
        gate.RunAsync(Drain, CancellationToken.None).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) return;
            lock (sync)
            {
                foreach (Pending p in pending) p.Done.TrySetException(t.Exception?.InnerException ?? new OperationCanceledException("the compute thread is stopping"));
                pending.Clear();
                draining = false;
            }
        }, TaskScheduler.Default);

    // Called under the lock: look again shortly, letting the compute thread run what else is queued meanwhile.
    private void DeferDrain() => _ = Task.Delay(20).ContinueWith(_ =>
    {
        lock (sync) ScheduleDrain();
    }, TaskScheduler.Default);

    // On the compute thread: one group per job, then the next job takes what arrived meanwhile.
    private bool Drain()
    {
        List<Pending>? group = null;
        lock (sync)
        {
            pending.RemoveAll(p => p.Done.Task.IsCompleted);
            if (pending.Count == 0)
            {
                draining = false;
                return true;
            }
            // The first round, in arrival order, whose group is complete or has waited long enough.
            foreach (Pending first in pending)
            {
                var candidates = pending.Where(p => Compatible(first.Round, p.Round)).Take(Math.Max(1, compute.GroupRounds)).ToList();
                first.Waiting ??= Stopwatch.StartNew();
                long waited = first.Waiting.ElapsedMilliseconds;
                if (candidates.Count < compute.GroupRounds
                    && (first.Round.Round.TaskIndex == 0 ? waited < Math.Min(compute.GroupWaitMilliseconds, compute.FirstRoundsGatherMilliseconds)
                        : waited < WaitLimitMilliseconds(first.Round) && MissingSiblings(first.Round, candidates).Any()))
                    continue;
                group = candidates;
                break;
            }
            if (group is null)
            {
                DeferDrain();
                return true;
            }
            foreach (Pending p in group) pending.Remove(p);
            foreach (Pending p in group)
            {
                RoundRef r = p.Round.Round;
                RecordOf(r).Trained.Add(r.Seed);
                records.Remove((r.CampaignId, r.Stage, r.Arm, r.TaskIndex - 2)); // no longer anyone's previous task
            }
        }
        try
        {
            TrainGroup(group);
        }
        finally
        {
            lock (sync)
            {
                if (pending.Count > 0) ScheduleDrain();
                else draining = false;
            }
        }
        return true;
    }

    /// <summary>Seeds that trained here with <paramref name="round"/>'s seed on the previous task and have not yet arrived for this one.</summary>
    private IEnumerable<long> MissingSiblings(TrainRound round, IReadOnlyList<Pending> candidates)
    {
        RoundRef r = round.Round;
        if (r.TaskIndex == 0 || !records.TryGetValue((r.CampaignId, r.Stage, r.Arm, r.TaskIndex - 1), out TaskRecord? record)
            || !record.Grouped.Contains(r.Seed))
            return [];
        HashSet<long> previous = record.Grouped;
        HashSet<long> done = records.GetValueOrDefault((r.CampaignId, r.Stage, r.Arm, r.TaskIndex))?.Trained ?? [];
        return previous.Where(s => !done.Contains(s) && !candidates.Any(c => c.Round.Round.Seed == s && c.Round.Round.Arm == r.Arm
            && c.Round.Round.CampaignId == r.CampaignId && c.Round.Round.Stage == r.Stage));
    }

    /// <summary>How long <paramref name="round"/> may wait for its siblings: the setting, capped by its previous group's training time.</summary>
    private long WaitLimitMilliseconds(TrainRound round)
    {
        RoundRef r = round.Round;
        long previous = records.GetValueOrDefault((r.CampaignId, r.Stage, r.Arm, r.TaskIndex - 1))?.GroupMilliseconds ?? 0;
        return Math.Min(compute.GroupWaitMilliseconds, previous);
    }

    private TaskRecord RecordOf(RoundRef r)
    {
        var key = (r.CampaignId, r.Stage, r.Arm, r.TaskIndex);
        if (!records.TryGetValue(key, out TaskRecord? record)) records[key] = record = new TaskRecord();
        return record;
    }

    /// <summary>Same arm shape and training, same task position and training set: candidates to train as one.</summary>
    private static bool Compatible(TrainRound a, TrainRound b) =>
        a.Arm.Width == b.Arm.Width && a.Arm.Depth == b.Arm.Depth && a.Arm.Activation == b.Arm.Activation && a.Arm.Training == b.Arm.Training
        && a.Round.TaskIndex == b.Round.TaskIndex && a.Tasks.Count == b.Tasks.Count
        && a.Tasks[a.Round.TaskIndex].TrainCount == b.Tasks[b.Round.TaskIndex].TrainCount
        && a.Tasks[a.Round.TaskIndex].Dataset == b.Tasks[b.Round.TaskIndex].Dataset;

    private void TrainGroup(List<Pending> group)
    {
        var ready = new List<Prepared>();
        try
        {
            foreach (Pending p in group)
            {
                try
                {
                    ready.Add(Prepare(p));
                }
                catch (Exception e)
                {
                    p.Done.TrySetException(e);
                }
            }
            // Normally one partition; a group splits where the models differ or grouping would not be bit-exact.
            foreach (var part in ready.GroupBy(r => (r.Spec, r.Settings, r.Task.TrainCount)))
            {
                var members = part.ToList();
                int size = SiblingLearner.GroupsExactly(members[0].Settings, members[0].Task.TrainCount) ? SiblingGroups.MaxSize(members[0].Spec) : 1;
                foreach (var chunk in members.Chunk(size)) TrainTogether(chunk);
            }
        }
        finally
        {
            foreach (Prepared r in ready) r.Dispose();
        }
    }

    private Prepared Prepare(Pending p)
    {
        TrainRound m = p.Round;
        TaskLease lease = cache.LeaseVerified(m.Tasks);
        try
        {
            int k = m.Round.TaskIndex;
            TaskData task = lease.Tasks[k];
            MlpSpec spec = ContractMapping.ToMlpSpec(m.Arm, task.InputSize, lease.Classes);
            TrainingSettings settings = ContractMapping.ToTrainingSettings(m.Arm.Training);
            // Float32 weights; the first round also keeps the untrained model. Checked before any compute is spent.
            store.EnsureRoomFor(ModelCost.Parameters(spec) * sizeof(float) * (k == 0 ? 2 : 1));
            Mlp model;
            CheckpointRef? initial = null;
            if (m.Parent is null)
            {
                if (k != 0) throw new PermanentFailureException($"round {Describe(m.Round)} has no parent checkpoint but is not the first task");
                model = new Mlp(spec, m.Round.Seed);
                initial = store.Save(model, CheckpointDirectory.RelativePath(m.Round, "initial.ckpt"));
            }
            else
            {
                model = store.Load(m.Parent, spec);
            }
            return new Prepared(p, lease, spec, settings, task, model, initial);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private void TrainTogether(IReadOnlyList<Prepared> members)
    {
        var device = TorchRuntime.ResolveDevice(compute.Device);
        gate.UseThreadsFor(members[0].Spec);
        InterlockedMax(ref largestGroup, members.Count);
        Interlocked.Increment(ref groupsTrained);
        var clock = Stopwatch.StartNew();
        if (members.Count > 1)
            log.LogInformation("Training {Count} rounds together: {Arm} task {Task}, seeds {Seeds}", members.Count, members[0].Pending.Round.Round.Arm,
                members[0].Pending.Round.Round.TaskIndex + 1, string.Join(",", members.Select(r => r.Pending.Round.Round.Seed)));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(members.Select(r => r.Pending.Cancel).ToArray());
        try
        {
            using var learner = SiblingLearner.Resume(members.Select(r => r.TakeModel()).ToArray(), members[0].Settings, members.Select(r => r.Pending.Round.Round.Seed).ToArray(),
                members.Select(r => r.Lease.Tasks.Take(r.Pending.Round.Round.TaskIndex)).ToArray(), device);
            IReadOnlyList<TaskTrainingStats> stats = learner.TrainOn(members.Select(r => r.Task).ToArray(), cancel: cancel.Token);
            if (members.Count > 1)
                lock (sync)
                {
                    // The siblings each member's next round will wait for, and for how long it may.
                    RoundRef first = members[0].Pending.Round.Round;
                    TaskRecord record = RecordOf(first);
                    foreach (Prepared m in members) record.Grouped.Add(m.Pending.Round.Round.Seed);
                    record.GroupMilliseconds = Math.Max(record.GroupMilliseconds, clock.ElapsedMilliseconds);
                }
            for (int g = 0; g < members.Count; g++)
            {
                Prepared r = members[g];
                TrainRound m = r.Pending.Round;
                try
                {
                    CheckpointRef checkpoint = store.Save(learner.Models[g], CheckpointDirectory.RelativePath(m.Round, $"task-{m.Round.TaskIndex}.ckpt"));
                    var facts = new TrainingFacts(stats[g].Seconds, device.ToString(), stats[g].Samples, stats[g].Steps, stats[g].Flops,
                        Process.GetCurrentProcess().PeakWorkingSet64, stats[g].MeanLoss, stats[g].LearningRate, ModelCost.Parameters(r.Spec),
                        ModelCost.ForwardFlopsPerSample(r.Spec), identity.Instance);
                    r.Pending.Done.TrySetResult(new RoundTrained(m.Round, m.Arm, m.Tasks, checkpoint, r.Initial, m.History, facts));
                }
                catch (Exception e)
                {
                    r.Pending.Done.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            foreach (Prepared r in members) r.Pending.Done.TrySetException(e);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    internal static string Describe(RoundRef r) => $"{r.Arm} seed {r.Seed} task {r.TaskIndex + 1}/{r.TaskCount}";

    private sealed record Pending(TrainRound Round, CancellationToken Cancel, TaskCompletionSource<RoundTrained> Done)
    {
        /// <summary>Since the compute thread could first have taken this round.</summary>
        public Stopwatch? Waiting { get; set; }
    }

    /// <summary>
    /// What this trainer did with one (campaign, stage, arm, task): the seeds it trained, those of them it trained in a
    /// group of several (the siblings a round of the next task expects; a model that trains alone, being too wide to gain
    /// from a group, expects none), and how long that group took to train.
    /// </summary>
    private sealed class TaskRecord
    {
        public HashSet<long> Trained { get; } = [];
        public HashSet<long> Grouped { get; } = [];
        public long GroupMilliseconds { get; set; }
    }

    /// <summary>A round ready to train: its tasks held, its model built or loaded.</summary>
    private sealed class Prepared(Pending pending, TaskLease lease, MlpSpec spec, TrainingSettings settings, TaskData task, Mlp model, CheckpointRef? initial)
        : IDisposable
    {
        private Mlp? model = model;

        public Pending Pending { get; } = pending;
        public TaskLease Lease { get; } = lease;
        public MlpSpec Spec { get; } = spec;
        public TrainingSettings Settings { get; } = settings;
        public TaskData Task { get; } = task;
        public CheckpointRef? Initial { get; } = initial;

        /// <summary>Hands the model to the learner, which disposes it.</summary>
        public Mlp TakeModel() => Interlocked.Exchange(ref model, null) ?? throw new InvalidOperationException("the model was already taken");

        public void Dispose()
        {
            model?.Dispose();
            Lease.Dispose();
        }
    }
}
