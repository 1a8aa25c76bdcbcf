using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Cli.Report;

/// <summary>One arm's evidence, and the lever it piloted when its stage recorded one (a lever pilot is no point of the width curve).</summary>
public sealed record ReportArm(ArmEvidence Evidence, LeverOption? Lever)
{
    public bool IsLeverPilot => Lever is not null;
}
