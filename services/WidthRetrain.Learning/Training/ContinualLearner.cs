using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// One model retrained task after task: the model, its optimiser (state kept across tasks, as in the paper's code)
/// and the replay buffer. The seed fixes initialisation, data order and replay draws; results are bit-exact for
/// a fixed seed and thread count on the same machine. Shuffling and replay draws depend only on (seed, task), so
/// a learner resumed from a checkpoint (<see cref="Resume"/>) continues exactly as an uninterrupted one would,
/// except for optimiser state (momentum, Adam moments), which checkpoints do not hold: plain SGD has none.
/// It is a <see cref="SiblingLearner"/> of one, so a model trained alone and one trained among siblings agree bit for bit.
/// </summary>
public sealed class ContinualLearner : IDisposable
{
    private readonly SiblingLearner siblings;

    /// <summary>A fresh model initialised from the seed.</summary>
    public ContinualLearner(MlpSpec spec, TrainingSettings settings, long seed, Device? device = null)
        : this(new SiblingLearner(spec, settings, [seed], device))
    {
    }

    private ContinualLearner(SiblingLearner siblings) => this.siblings = siblings;

    public Mlp Model => siblings.Models[0];
    public TrainingSettings Settings => siblings.Settings;
    public Device Device => siblings.Device;

    /// <summary>
    /// Continues training <paramref name="model"/> (whose ownership passes to the learner) after the tasks in
    /// <paramref name="earlierTasks"/>, rebuilding the replay buffer they would have left.
    /// </summary>
    public static ContinualLearner Resume(Mlp model, TrainingSettings settings, long seed, IEnumerable<TaskData> earlierTasks, Device? device = null) =>
        new(SiblingLearner.Resume([model], settings, [seed], [earlierTasks], device));

    /// <summary>Trains the model on one task for the configured epochs, then stores replay samples of it.</summary>
    public TaskTrainingStats TrainOn(TaskData task, Action<TrainingProgress>? progress = null, CancellationToken cancel = default) =>
        siblings.TrainOn([task], progress, cancel)[0];

    public void Dispose() => siblings.Dispose();
}
