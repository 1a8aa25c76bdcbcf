namespace WidthRetrain.Learning.Protocol;

/// <summary>
/// Progress of a sweep: which run (1-based) of how many, and where that run is. Runs trained as one group report
/// together: <see cref="Seeds"/> are the group's, and <see cref="Run"/> is its first run.
/// </summary>
public sealed record SweepProgress(int Run, int Runs, RunProgress Current, IReadOnlyList<long> Seeds);
