namespace WidthRetrain.Cli.Bench;

/// <summary>CPU seconds so far: the machine's busy and total (all cores) and each named part's.</summary>
public sealed record CoreSample(double BusySeconds, double TotalSeconds, IReadOnlyDictionary<string, double> Parts);
