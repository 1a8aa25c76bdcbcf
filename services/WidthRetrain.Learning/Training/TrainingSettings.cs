using System.Globalization;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// How each task is trained. Defaults are the paper's: plain SGD, lr 0.01, batch 32, 5 epochs per task.
/// Replay and the per-task learning-rate decay are the levers other than width.
/// </summary>
/// <param name="ReplayPerTask">Samples kept from each finished task; each later batch is topped up with as many
/// replayed samples as the batch size (0 = no replay).</param>
/// <param name="LearningRateDecayPerTask">Task t trains at lr * decay^t (1 = constant).</param>
public sealed record TrainingSettings(
    OptimizerKind Optimizer = OptimizerKind.Sgd,
    double LearningRate = 0.01,
    int BatchSize = 32,
    int EpochsPerTask = 5,
    double Momentum = 0.9,
    int ReplayPerTask = 0,
    double LearningRateDecayPerTask = 1.0)
{
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (!Enum.IsDefined(Optimizer))
            p.Add($"optimizer: unknown value {Optimizer}; allowed: {string.Join(", ", Enum.GetNames<OptimizerKind>())}");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            p.Add($"lr: must be a positive number, got {LearningRate.ToString(CultureInfo.InvariantCulture)}");
        if (BatchSize < 1) p.Add($"batch: must be at least 1, got {BatchSize}");
        if (EpochsPerTask < 1) p.Add($"epochs: must be at least 1, got {EpochsPerTask}");
        if (Momentum is < 0 or >= 1) p.Add($"momentum: must be in [0, 1), got {Momentum.ToString(CultureInfo.InvariantCulture)}");
        if (ReplayPerTask < 0) p.Add($"replay: samples per task must be 0 or more, got {ReplayPerTask}");
        if (LearningRateDecayPerTask is <= 0 or > 1)
            p.Add($"lr-decay: must be in (0, 1], got {LearningRateDecayPerTask.ToString(CultureInfo.InvariantCulture)}");
        return p;
    }

    public TrainingSettings Validated()
    {
        IReadOnlyList<string> p = Problems();
        return p.Count == 0 ? this : throw new ArgumentException(string.Join("; ", p));
    }

    public double LearningRateForTask(int taskIndex) => LearningRate * Math.Pow(LearningRateDecayPerTask, taskIndex);
}
