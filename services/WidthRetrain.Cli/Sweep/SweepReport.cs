using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>What `sweep --json` writes: the tool version, the full result and the fitted width curves.</summary>
public sealed record SweepReport(string Tool, SweepResult Result, IReadOnlyList<DepthAnalysis> Analysis)
{
    public const string ToolName = "widthretrain sweep";
    public const int SchemaVersion = 1;
    public int Schema => SchemaVersion;
}
