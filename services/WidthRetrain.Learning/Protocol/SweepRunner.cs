using System.Diagnostics;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// Runs a width sweep in process. Tasks are materialised once per seed and shared by every (depth, width) of
/// that seed, so all models of a seed see exactly the same data in the same order. The seeds of a (depth, width)
/// train together as sibling groups (<see cref="SiblingGroups"/>), each model ending where it would alone.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Runs the sweep. Each model computes with <paramref name="threads"/> intra-op threads when given, else with
    /// <see cref="TorchRuntime.ThreadsFor"/>'s choice for its size, as the suite's trainer and evaluator do.
    /// </summary>
    public static SweepResult Run(SweepSpec spec, Action<SweepProgress>? progress = null, CancellationToken cancel = default, int? threads = null)
    {
        spec = spec.Validated();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var runs = new List<RunResult>();
        int total = spec.Seeds.Count * spec.Depths.Count * spec.Widths.Count, done = 0;
        IReadOnlyList<string> descriptions = [], hashes = [];
        int trainCount = 0, testCount = 0, mostThreads = 0;
        // Seeds whose tasks are held at once: the largest group any width of the sweep trains.
        int held = spec.Depths.SelectMany(d => spec.Widths.Select(w => SiblingGroups.MaxSize(new MlpSpec(784, w, d, 10, spec.Activation)))).Max();
        foreach (long[] seeds in spec.Seeds.Chunk(held))
        {
            var tasks = new List<IReadOnlyList<TaskData>>();
            int classes = 0;
            try
            {
                foreach (long seed in seeds)
                {
                    using DatasetPair data = DatasetLoader.Load(spec.Dataset with { Seed = seed });
                    classes = data.Train.Classes;
                    tasks.Add(DriftScenarios.MaterializeAll(DriftScenarios.Create(spec.Scenario, classes), data, seed));
                }
                if (descriptions.Count == 0)
                {
                    descriptions = tasks[0].Select(t => t.Description).ToArray();
                    hashes = tasks[0].Select(t => t.ContentHash).ToArray();
                    trainCount = tasks[0][0].TrainCount;
                    testCount = tasks[0][0].TestCount;
                }
                foreach (int depth in spec.Depths)
                    foreach (int width in spec.Widths)
                    {
                        var model = new MlpSpec(tasks[0][0].InputSize, width, depth, classes, spec.Activation);
                        int size = SiblingLearner.GroupsExactly(spec.Training, trainCount) ? SiblingGroups.MaxSize(model) : 1;
                        TorchRuntime.Configure(TorchRuntime.ThreadsFor(model, threads));
                        mostThreads = Math.Max(mostThreads, TorchRuntime.Threads);
                        for (int from = 0; from < seeds.Length; from += size)
                        {
                            int n = Math.Min(size, seeds.Length - from), first = done + 1;
                            long[] group = seeds[from..(from + n)];
                            runs.AddRange(ContinualRun.ExecuteGroup(tasks.Skip(from).Take(n).ToArray(),
                                group.Select(s => new RunSpec(model, spec.Training, s)).ToArray(),
                                p => progress?.Invoke(new SweepProgress(first, total, p, group)), cancel));
                            done += n;
                        }
                    }
            }
            finally
            {
                foreach (TaskData t in tasks.SelectMany(x => x)) t.Dispose();
            }
        }
        // In the spec's order (seed, then depth, then width), whatever the grouping.
        var seedAt = Positions(spec.Seeds);
        var depthAt = Positions(spec.Depths);
        var widthAt = Positions(spec.Widths);
        var order = runs.OrderBy(r => seedAt[r.Spec.Seed]).ThenBy(r => depthAt[r.Spec.Model.HiddenLayers]).ThenBy(r => widthAt[r.Spec.Model.Width]).ToArray();
        return new SweepResult(spec, order, WidthSummary.Summarize(order), descriptions, hashes, trainCount, testCount,
            mostThreads, started, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each value's first position in <paramref name="values"/>.</summary>
    private static Dictionary<T, int> Positions<T>(IReadOnlyList<T> values) where T : notnull
    {
        var at = new Dictionary<T, int>();
        for (int i = 0; i < values.Count; i++) at.TryAdd(values[i], i);
        return at;
    }
}
