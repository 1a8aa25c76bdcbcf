using JasperFx.Events;
using Marten.Events.Aggregation;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Projections;

public partial class RoundViewProjection : SingleStreamProjection<RoundView, Guid>
{
    public RoundView Create(IEvent<RoundScheduled> e) => new()
    {
        Id = e.StreamId,
        CampaignId = e.Data.Round.CampaignId,
        Stage = e.Data.Round.Stage,
        Arm = e.Data.Round.Arm,
        Width = e.Data.Round.Width,
        Seed = e.Data.Round.Seed,
        TaskIndex = e.Data.Round.TaskIndex,
        ScheduledAt = e.Timestamp,
    };

    public void Apply(RoundTrained e, RoundView v)
    {
        v.Status = "trained";
        v.Worker = e.Training.Worker;
        v.TrainSeconds = e.Training.DeviceSeconds;
    }

    public void Apply(RoundEvaluated e, RoundView v)
    {
        v.Status = "evaluated";
        v.EvalSeconds = e.EvalDeviceSeconds;
        v.Accuracy = [.. e.Accuracy];
        v.AccuracyOnTask = e.Accuracy[e.Round.TaskIndex];
    }

    public void Apply(IEvent<RoundCosted> e, RoundView v)
    {
        v.Status = "costed";
        v.Cost = e.Data.Cost.Total;
        v.CostedAt = e.Timestamp;
    }
}
