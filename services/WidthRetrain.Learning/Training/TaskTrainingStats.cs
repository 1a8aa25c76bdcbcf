namespace WidthRetrain.Learning.Training;

/// <summary>What training one task cost: samples (including replayed ones), steps, seconds, FLOPs, mean loss.</summary>
public sealed record TaskTrainingStats(int TaskIndex, long Samples, long Steps, double Seconds, double Flops, double MeanLoss, double LearningRate);
