using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Protocol;

/// <summary>Where a run is: the task being trained (or evaluated) and the training progress within it.</summary>
public sealed record RunProgress(RunSpec Spec, int TaskIndex, int TaskCount, TrainingProgress? Training, string Phase);
