using System.Diagnostics;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// Runs a width sweep in process. Tasks are materialised once per seed and shared by every (depth, width) of
/// that seed, so all models of a seed see exactly the same data in the same order.
/// </summary>
public static class SweepRunner
{
    public static SweepResult Run(SweepSpec spec, Action<SweepProgress>? progress = null, CancellationToken cancel = default)
    {
        spec = spec.Validated();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var runs = new List<RunResult>();
        int total = spec.Seeds.Count * spec.Depths.Count * spec.Widths.Count, index = 0;
        IReadOnlyList<string> descriptions = [], hashes = [];
        int trainCount = 0, testCount = 0;
        foreach (long seed in spec.Seeds)
        {
            using DatasetPair data = DatasetLoader.Load(spec.Dataset with { Seed = seed });
            DriftScenario scenario = DriftScenarios.Create(spec.Scenario, data.Train.Classes);
            IReadOnlyList<TaskData> tasks = DriftScenarios.MaterializeAll(scenario, data, seed);
            try
            {
                if (descriptions.Count == 0)
                {
                    descriptions = tasks.Select(t => t.Description).ToArray();
                    hashes = tasks.Select(t => t.ContentHash).ToArray();
                    trainCount = tasks[0].TrainCount;
                    testCount = tasks[0].TestCount;
                }
                foreach (int depth in spec.Depths)
                    foreach (int width in spec.Widths)
                    {
                        index++;
                        var model = new MlpSpec(tasks[0].InputSize, width, depth, data.Train.Classes, spec.Activation);
                        var run = new RunSpec(model, spec.Training, seed);
                        int current = index;
                        runs.Add(ContinualRun.Execute(tasks, run, p => progress?.Invoke(new SweepProgress(current, total, p)), cancel));
                    }
            }
            finally
            {
                foreach (TaskData t in tasks) t.Dispose();
            }
        }
        return new SweepResult(spec, runs, WidthSummary.Summarize(runs), descriptions, hashes, trainCount, testCount,
            TorchRuntime.Threads, started, clock.Elapsed.TotalSeconds);
    }
}
