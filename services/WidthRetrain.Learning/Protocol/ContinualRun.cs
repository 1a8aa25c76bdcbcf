using System.Diagnostics;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Evaluation;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// The paper's protocol for one model: evaluate at initialisation, then for each task train on it and evaluate
/// on every task (seen and future, so that forward transfer is defined), recording outputs for functional drift
/// and weights for the relative weight change. Sibling runs (one model and training, several seeds) train as one
/// <see cref="SiblingLearner"/> group and give each the result it would have alone.
/// </summary>
public static class ContinualRun
{
    public static RunResult Execute(IReadOnlyList<TaskData> tasks, RunSpec spec, Action<RunProgress>? progress = null,
        CancellationToken cancel = default) =>
        ExecuteGroup([tasks], [spec], progress, cancel)[0];

    /// <summary>
    /// Runs <paramref name="specs"/>[g] on <paramref name="tasks"/>[g] (each seed's own materialisation) as one group.
    /// Training seconds are the group's shared equally; evaluation is per model and timed per model.
    /// </summary>
    public static IReadOnlyList<RunResult> ExecuteGroup(IReadOnlyList<IReadOnlyList<TaskData>> tasks, IReadOnlyList<RunSpec> specs,
        Action<RunProgress>? progress = null, CancellationToken cancel = default)
    {
        if (specs.Count == 0 || tasks.Count != specs.Count)
            throw new ArgumentException($"tasks: one sequence per run is needed (got {tasks.Count} for {specs.Count} runs)", nameof(tasks));
        if (specs.Any(s => s.Model != specs[0].Model || s.Training != specs[0].Training))
            throw new ArgumentException("specs: runs trained as one group share their model and training settings; only seeds differ", nameof(specs));
        int t = tasks[0].Count, n = specs.Count;
        if (t == 0) throw new ArgumentException("tasks: at least one task is needed", nameof(tasks));
        if (tasks.Any(x => x.Count != t)) throw new ArgumentException("tasks: every run of a group needs the same number of tasks", nameof(tasks));
        using var learner = new SiblingLearner(specs[0].Model, specs[0].Training, specs.Select(s => s.Seed).ToArray());
        var runs = Enumerable.Range(0, n).Select(g => new Recorder(t)).ToArray();
        try
        {
            for (int g = 0; g < n; g++)
            {
                runs[g].EvalClock.Start();
                runs[g].InitAccuracy = tasks[g].Select(task => ModelEvaluator.Accuracy(learner.Models[g], task.TestX, task.TestY)).ToArray();
                runs[g].EvalClock.Stop();
            }
            for (int k = 0; k < t; k++)
            {
                Tensor[][] before = learner.Models.Select(m => m.Linears.Select(l => l.weight!.detach().clone()).ToArray()).ToArray();
                int taskIndex = k;
                // Progress names the group by its first run: the group trains as one.
                progress?.Invoke(new RunProgress(specs[0], k, t, null, "training"));
                IReadOnlyList<TaskTrainingStats> stats = learner.TrainOn(tasks.Select(x => x[taskIndex]).ToArray(),
                    p => progress?.Invoke(new RunProgress(specs[0], taskIndex, t, p, "training")), cancel);
                progress?.Invoke(new RunProgress(specs[0], k, t, null, "evaluating"));
                for (int g = 0; g < n; g++)
                {
                    runs[g].Stats.Add(stats[g]);
                    runs[g].Evaluate(learner.Models[g], tasks[g], k, before[g]);
                }
            }
            return Enumerable.Range(0, n).Select(g => runs[g].Result(specs[g], tasks[g])).ToArray();
        }
        finally
        {
            foreach (Recorder r in runs) r.Dispose();
        }
    }

    /// <summary>One run's measurements as its tasks are learned.</summary>
    private sealed class Recorder(int t) : IDisposable
    {
        private readonly double[][] accuracy = new double[t][];
        private readonly double?[][] drift = new double?[t][];
        private readonly double[][] weightChange = new double[t][];
        private readonly Tensor?[] outputsWhenLearned = new Tensor?[t];

        public Stopwatch EvalClock { get; } = new();
        public double[] InitAccuracy { get; set; } = [];
        public List<TaskTrainingStats> Stats { get; } = [];

        public void Evaluate(Mlp model, IReadOnlyList<TaskData> tasks, int k, Tensor[] before)
        {
            EvalClock.Start();
            using (NewDisposeScope())
                weightChange[k] = model.Linears.Select((l, i) => WeightChange.Relative(before[i], l.weight!.detach())).ToArray();
            foreach (Tensor b in before) b.Dispose();
            EvaluationRow row = ModelEvaluator.EvaluateOnTasks(model, tasks, k, j => outputsWhenLearned[j],
                (j, logits) =>
                {
                    if (j == k) outputsWhenLearned[j] = logits.clone().MoveToOuterDisposeScope();
                });
            accuracy[k] = row.Accuracy;
            drift[k] = row.Drift;
            EvalClock.Stop();
        }

        public RunResult Result(RunSpec spec, IReadOnlyList<TaskData> tasks)
        {
            var matrix = new AccuracyMatrix(accuracy);
            return new RunResult(spec, ModelCost.Parameters(spec.Model), tasks.Select(x => x.Description).ToArray(), matrix, InitAccuracy,
                ContinualMetricsCalculator.Compute(matrix, InitAccuracy), drift, weightChange, Stats,
                Stats.Sum(s => s.Seconds), EvalClock.Elapsed.TotalSeconds);
        }

        public void Dispose()
        {
            foreach (Tensor? o in outputsWhenLearned) o?.Dispose();
        }
    }
}
