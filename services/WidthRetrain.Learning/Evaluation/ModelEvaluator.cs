using TorchSharp;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Evaluation;

/// <summary>Accuracy, outputs and functional drift of a model on a test set, in large no-grad batches.</summary>
public static class ModelEvaluator
{
    private const long EvalBatch = 4096;

    /// <summary>
    /// The evaluation after training task <paramref name="current"/>, shared by the in-process protocol and the evaluator
    /// service: accuracy and loss on every task, and for each earlier task j the functional drift against
    /// <paramref name="outputsWhenLearned"/>(j), the outputs of the model that had just learned it (null: not measured).
    /// Tensors the callbacks create are disposed after each task; <paramref name="onOutputs"/> must clone what it keeps.
    /// </summary>
    public static EvaluationRow EvaluateOnTasks(Mlp model, IReadOnlyList<Drift.TaskData> tasks, int current, Func<int, Tensor?> outputsWhenLearned,
        Action<int, Tensor>? onOutputs = null)
    {
        var accuracy = new double[tasks.Count];
        var loss = new double[tasks.Count];
        var drift = new double?[tasks.Count];
        for (int j = 0; j < tasks.Count; j++)
        {
            using var scope = NewDisposeScope();
            Tensor logits = Logits(model, tasks[j].TestX);
            accuracy[j] = Accuracy(logits, tasks[j].TestY);
            loss[j] = nn.functional.cross_entropy(logits, tasks[j].TestY).item<float>();
            if (j < current && outputsWhenLearned(j) is { } then) drift[j] = FunctionalDrift(then, logits);
            onOutputs?.Invoke(j, logits);
        }
        return new EvaluationRow(accuracy, loss, drift);
    }

    /// <summary>Fraction of samples whose arg-max output equals the label.</summary>
    public static double Accuracy(Mlp model, Tensor x, Tensor y)
    {
        using Tensor logits = Logits(model, x);
        return Accuracy(logits, y);
    }

    /// <summary>Fraction of rows of <paramref name="outputs"/> whose arg-max equals the label.</summary>
    public static double Accuracy(Tensor outputs, Tensor y)
    {
        using var scope = NewDisposeScope();
        return outputs.argmax(1).eq(y).to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>The model's outputs [N, classes] (a tensor the caller owns).</summary>
    public static Tensor Logits(Mlp model, Tensor x)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        Device device = model.parameters().First().device;
        for (long start = 0; start < x.shape[0]; start += EvalBatch)
        {
            Tensor batch = x.narrow(0, start, Math.Min(EvalBatch, x.shape[0] - start));
            parts.Add(model.forward(device.type == DeviceType.CPU ? batch : batch.to(device)).cpu());
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The paper's functional drift epsilon: mean over inputs of the L2 distance between two models' outputs
    /// on the same inputs, here given as the two output tensors.
    /// </summary>
    public static double FunctionalDrift(Tensor outputsBefore, Tensor outputsAfter)
    {
        using var scope = NewDisposeScope();
        return (outputsAfter - outputsBefore).norm(1, keepdim: false, p: 2).to_type(ScalarType.Float64).mean().item<double>();
    }
}
