using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Evaluation;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Evaluation;

/// <summary>The one evaluation routine the in-process protocol and the evaluator service share.</summary>
public class ModelEvaluatorTests
{
    private static TaskData Task(int index, long seed)
    {
        var g = new Generator((ulong)seed);
        return new TaskData(index, $"t{index}", randn([20, 6], generator: g), randint(0, 3, [20], generator: g),
            randn([50, 6], generator: g), randint(0, 3, [50], generator: g));
    }

    [Fact]
    public void ARow_HasEveryTasksAccuracyAndLoss_AndDriftOnlyForEarlierTasksWithOutputs()
    {
        TaskData[] tasks = [Task(0, 1), Task(1, 2), Task(2, 3)];
        using var model = new Mlp(new MlpSpec(6, 8, 1, 3), seed: 4);
        using var earlier = new Mlp(new MlpSpec(6, 8, 1, 3), seed: 5);
        var kept = new List<int>();
        // Task 0: outputs of another model (drift > 0); task 1: none recorded (not measured); task 2 is the current one.
        EvaluationRow row = ModelEvaluator.EvaluateOnTasks(model, tasks, current: 2,
            j => j == 0 ? ModelEvaluator.Logits(earlier, tasks[0].TestX) : null, (j, _) => kept.Add(j));

        for (int j = 0; j < tasks.Length; j++)
        {
            Assert.Equal(ModelEvaluator.Accuracy(model, tasks[j].TestX, tasks[j].TestY), row.Accuracy[j], 12);
            using Tensor logits = ModelEvaluator.Logits(model, tasks[j].TestX);
            Assert.Equal(nn.functional.cross_entropy(logits, tasks[j].TestY).item<float>(), row.Loss[j], 6);
        }
        Assert.True(row.Drift[0] > 0);
        Assert.Null(row.Drift[1]);
        Assert.Null(row.Drift[2]); // the current task has no drift yet
        Assert.Equal([0, 1, 2], kept);
        foreach (TaskData t in tasks) t.Dispose();
    }

    [Fact]
    public void DriftAgainstTheModelsOwnOutputs_IsZero()
    {
        TaskData[] tasks = [Task(0, 7), Task(1, 8)];
        using var model = new Mlp(new MlpSpec(6, 8, 1, 3), seed: 9);
        EvaluationRow row = ModelEvaluator.EvaluateOnTasks(model, tasks, current: 1, j => ModelEvaluator.Logits(model, tasks[j].TestX));
        Assert.Equal(0, row.Drift[0]!.Value, 12);
        foreach (TaskData t in tasks) t.Dispose();
    }
}
