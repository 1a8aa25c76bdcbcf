namespace WidthRetrain.Contracts.Rounds;

/// <summary>What training one round took: device time and kind, samples and steps, analytic FLOPs, peak memory, loss.</summary>
public sealed record TrainingFacts(
    double DeviceSeconds,
    string Device,
    long Samples,
    long Steps,
    double Flops,
    long PeakMemoryBytes,
    double MeanLoss,
    double LearningRate,
    long Parameters,
    string Worker);
