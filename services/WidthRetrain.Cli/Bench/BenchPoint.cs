namespace WidthRetrain.Cli.Bench;

/// <summary>
/// One benchmarked (width, batch): the trainer's speed, a bare TorchSharp loop doing the same steps, and libtorch's
/// matrix products of the same shapes alone (the ceiling for this work on this machine).
/// </summary>
public sealed record BenchPoint(
    int Width,
    int Batch,
    long Parameters,
    double TrainerMicrosecondsPerStep,
    double BareMicrosecondsPerStep,
    double TrainerSamplesPerSecond,
    double TrainerGflops,
    double MatmulGflops,
    long LiveTensorGrowth)
{
    /// <summary>Trainer GFLOP/s as a fraction of the same-shape matmul GFLOP/s.</summary>
    public double FractionOfMatmul => TrainerGflops / MatmulGflops;

    /// <summary>Trainer step time over the bare loop's (1 = no overhead).</summary>
    public double OverheadRatio => TrainerMicrosecondsPerStep / BareMicrosecondsPerStep;
}
