namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// What training one round took: device time and kind, samples and steps, analytic FLOPs, peak memory (the process's
/// peak working set: libtorch's CPU allocator keeps no statistics), loss; and the model's size and cost of one prediction.
/// </summary>
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
    double ForwardFlopsPerSample,
    string Worker);
