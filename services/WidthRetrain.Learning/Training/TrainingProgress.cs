namespace WidthRetrain.Learning.Training;

/// <summary>Progress within one task's training, reported every few steps.</summary>
public sealed record TrainingProgress(int TaskIndex, int Epoch, int Epochs, long StepsDone, long StepsTotal);
