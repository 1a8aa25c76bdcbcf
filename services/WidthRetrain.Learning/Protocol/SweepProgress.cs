namespace WidthRetrain.Learning.Protocol;

/// <summary>Progress of a sweep: which run (1-based) of how many, and where that run is.</summary>
public sealed record SweepProgress(int Run, int Runs, RunProgress Current);
