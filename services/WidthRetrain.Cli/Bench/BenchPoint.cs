namespace WidthRetrain.Cli.Bench;

/// <summary>
/// One benchmarked (width, batch): the trainer's speed with one model and with a group of siblings, one model on
/// TorchSharp's modules (the trainer before groups), a bare TorchSharp loop doing one model's steps, and libtorch's
/// matrix products of the same shapes alone (the ceiling for this work on this machine). Trainer* figures are one model alone.
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
    /// <summary>libtorch threads of the trainer, bare-loop and matmul measurements.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>libtorch threads of the module-path measurement.</summary>
    public int ModulesThreads { get; init; } = 1;

    /// <summary>Models trained together in the group measurement.</summary>
    public int Group { get; init; } = 1;

    /// <summary>One step of the whole group (every sibling trained once).</summary>
    public double GroupMicrosecondsPerStep { get; init; }

    /// <summary>Samples per second summed over the group's models.</summary>
    public double GroupSamplesPerSecond { get; init; }

    public double GroupGflops { get; init; }

    /// <summary>One model on TorchSharp's Linear modules and SGD: the trainer before sibling groups.</summary>
    public double ModulesSamplesPerSecond { get; init; }

    /// <summary>The group's samples/s over one model's on modules: what training siblings together buys.</summary>
    public double GroupSpeedup => GroupSamplesPerSecond / ModulesSamplesPerSecond;

    public double GroupFractionOfMatmul => GroupGflops / MatmulGflops;

    /// <summary>Trainer GFLOP/s as a fraction of the same-shape matmul GFLOP/s.</summary>
    public double FractionOfMatmul => TrainerGflops / MatmulGflops;

    /// <summary>Trainer step time over the bare loop's (1 = no overhead).</summary>
    public double OverheadRatio => TrainerMicrosecondsPerStep / BareMicrosecondsPerStep;
}
