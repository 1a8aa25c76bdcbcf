namespace WidthRetrain.Cli.Bench;

/// <summary>A benchmark could not measure (a service died, its campaign failed): one line for the user, with where to look.</summary>
public sealed class BenchFailure(string message) : Exception(message);
