using JasperFx.Events;
using Marten.Events.Aggregation;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Planner.Projections;

public partial class WidthCurveProjection : SingleStreamProjection<WidthCurve, Guid>
{
    public WidthCurve Create(IEvent<CampaignStarted> e) => new() { Id = e.StreamId };

    public void Apply(StageConcluded e, WidthCurve curve)
    {
        curve.Points.AddRange(e.Arms.Select(a => new WidthCurvePoint(e.Stage, a)));
        curve.Points.Sort((a, b) => a.Evidence.Width != b.Evidence.Width ? a.Evidence.Width.CompareTo(b.Evidence.Width) : a.Stage.CompareTo(b.Stage));
    }
}
