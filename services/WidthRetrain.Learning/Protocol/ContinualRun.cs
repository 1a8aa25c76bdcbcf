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
/// and weights for the relative weight change.
/// </summary>
public static class ContinualRun
{
    public static RunResult Execute(IReadOnlyList<TaskData> tasks, RunSpec spec, Action<RunProgress>? progress = null,
        CancellationToken cancel = default)
    {
        if (tasks.Count == 0) throw new ArgumentException("tasks: at least one task is needed", nameof(tasks));
        int t = tasks.Count;
        using var learner = new ContinualLearner(spec.Model, spec.Training, spec.Seed);
        Mlp model = learner.Model;
        var evalClock = new Stopwatch();

        evalClock.Start();
        double[] initAccuracy = tasks.Select(task => ModelEvaluator.Accuracy(model, task.TestX, task.TestY)).ToArray();
        evalClock.Stop();

        var accuracy = new double[t][];
        var drift = new double?[t][];
        var weightChange = new double[t][];
        var stats = new List<TaskTrainingStats>();
        var outputsWhenLearned = new Tensor?[t];
        try
        {
            for (int k = 0; k < t; k++)
            {
                Tensor[] before = model.Linears.Select(l => l.weight!.detach().clone()).ToArray();
                int taskIndex = k;
                progress?.Invoke(new RunProgress(spec, k, t, null, "training"));
                stats.Add(learner.TrainOn(tasks[k], p => progress?.Invoke(new RunProgress(spec, taskIndex, t, p, "training")), cancel));

                progress?.Invoke(new RunProgress(spec, k, t, null, "evaluating"));
                evalClock.Start();
                using (NewDisposeScope())
                    weightChange[k] = model.Linears.Select((l, i) => WeightChange.Relative(before[i], l.weight!.detach())).ToArray();
                foreach (Tensor b in before) b.Dispose();
                EvaluationRow row = ModelEvaluator.EvaluateOnTasks(model, tasks, k, j => outputsWhenLearned[j],
                    (j, logits) =>
                    {
                        if (j == taskIndex) outputsWhenLearned[j] = logits.clone().MoveToOuterDisposeScope();
                    });
                accuracy[k] = row.Accuracy;
                drift[k] = row.Drift;
                evalClock.Stop();
            }
        }
        finally
        {
            foreach (Tensor? o in outputsWhenLearned) o?.Dispose();
        }

        var matrix = new AccuracyMatrix(accuracy);
        return new RunResult(spec, ModelCost.Parameters(spec.Model), tasks.Select(x => x.Description).ToArray(), matrix, initAccuracy,
            ContinualMetricsCalculator.Compute(matrix, initAccuracy), drift, weightChange, stats,
            stats.Sum(s => s.Seconds), evalClock.Elapsed.TotalSeconds);
    }
}
