using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Planner.Projections;

/// <summary>Read model: every arm's evidence of every concluded stage of a campaign, ordered by width.</summary>
public sealed class WidthCurve
{
    public Guid Id { get; set; }
    public List<WidthCurvePoint> Points { get; set; } = [];
}

/// <summary>One measured arm in a stage.</summary>
public sealed record WidthCurvePoint(int Stage, ArmEvidence Evidence);
