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
        UpdatedAt = e.Timestamp,
    };

    public void Apply(IEvent<RoundTrained> e, RoundView v)
    {
        v.Status = RoundView.Trained;
        v.Worker = e.Data.Training.Worker;
        v.TrainSeconds = e.Data.Training.DeviceSeconds;
        v.UpdatedAt = e.Timestamp;
    }

    public void Apply(IEvent<RoundEvaluated> e, RoundView v)
    {
        v.Status = RoundView.Evaluated;
        v.EvalSeconds = e.Data.EvalDeviceSeconds;
        v.Accuracy = [.. e.Data.Accuracy];
        v.AccuracyOnTask = e.Data.Accuracy[e.Data.Round.TaskIndex];
        v.UpdatedAt = e.Timestamp;
    }

    public void Apply(IEvent<RoundCosted> e, RoundView v)
    {
        v.Status = RoundView.Costed;
        v.Cost = e.Data.Cost.Total;
        v.CostedAt = e.Timestamp;
        v.UpdatedAt = e.Timestamp;
    }

    public void Apply(RoundFaulted e, RoundView v) => v.LastFault = $"{e.Service}: {e.Reason}";
}
