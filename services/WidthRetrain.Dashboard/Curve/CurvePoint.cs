using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Dashboard.Curve;

/// <summary>One measured arm of a concluded stage (fractions, mean over seeds with a 95% interval when there are several seeds).</summary>
/// <param name="LeverPilot">A lever pilot retrains a measured width with a change: shown, but not a point of the width law.</param>
public sealed record CurvePoint(int Stage, string Arm, int Width, int Seeds, bool LeverPilot, Estimate Forgetting, Estimate AverageAccuracy);
