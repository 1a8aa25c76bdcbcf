namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// A finished sweep: its spec, every run in full, a summary per (depth, width), and where it ran (Threads: the most
/// intra-op threads any of its models computed with).
/// </summary>
public sealed record SweepResult(
    SweepSpec Spec,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<WidthSummary> Summary,
    IReadOnlyList<string> TaskDescriptions,
    IReadOnlyList<string> TaskContentHashes,
    int TrainSamplesPerTask,
    int TestSamplesPerTask,
    int Threads,
    DateTimeOffset StartedAt,
    double WallSeconds);
