using JasperFx.Events;
using Marten.Events.Aggregation;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Projections;

public partial class CampaignSummaryProjection : SingleStreamProjection<CampaignSummary, Guid>
{
    public CampaignSummary Create(IEvent<CampaignStarted> e) => new()
    {
        Id = e.StreamId,
        Name = e.Data.Spec.Name,
        Dataset = e.Data.Spec.Dataset.Name,
        Scenario = e.Data.Spec.Drift.Kind,
        Tasks = e.Data.Spec.Drift.Tasks,
        Widths = [.. e.Data.Spec.Widths],
        Seeds = [.. e.Data.Spec.Seeds],
        Currency = e.Data.Spec.Prices.Currency,
        StartedAt = e.Data.StartedAt,
        ProgressAt = e.Timestamp,
        Policy = e.Data.Spec.Policy is { } p ? $"{p.Name} v{p.Version}" : null,
    };

    public void Apply(IEvent<TasksReleased> e, CampaignSummary s) => s.ProgressAt = e.Timestamp;

    public void Apply(IEvent<DecisionMade> e, CampaignSummary s)
    {
        InvestmentDecision d = e.Data.Decision;
        s.Decisions.Add($"stage {d.Stage}: {d.Action}{(d.Reason is { } r && d.Action == DecisionAction.Stop ? $" ({r})" : "")}: {d.Explanation}");
        s.ProgressAt = e.Timestamp;
    }

    public void Apply(IEvent<StageStarted> e, CampaignSummary s)
    {
        s.Stage = e.Data.Stage;
        s.RoundsTotal += e.Data.Rounds;
        s.ProgressAt = e.Timestamp;
    }

    public void Apply(IEvent<RoundCompleted> e, CampaignSummary s)
    {
        RoundCompleted r = e.Data;
        s.RoundsDone++;
        s.TotalCost += r.Cost.Total;
        s.DeviceSeconds += r.TrainDeviceSeconds + r.EvalDeviceSeconds;
        s.LastRound = $"{r.Round.Arm} seed {r.Round.Seed} task {r.Round.TaskIndex + 1}/{r.Round.TaskCount}";
        s.ProgressAt = e.Timestamp;
    }

    public void Apply(CampaignCompleted e, CampaignSummary s)
    {
        s.Status = CampaignStatus.Completed;
        s.FinishedAt = e.CompletedAt;
    }

    public void Apply(CampaignFailed e, CampaignSummary s)
    {
        s.Status = CampaignStatus.Failed;
        s.FailureReason = e.Reason;
        s.FinishedAt = e.FailedAt;
    }

    public void Apply(CampaignRedriven e, CampaignSummary s)
    {
        s.Redrives++;
        s.LastRedrive = $"{e.At:yyyy-MM-dd HH:mm:ss}: {e.Reason} ({e.Commands} command(s) sent again)";
    }

    public void Apply(IEvent<CampaignResumed> e, CampaignSummary s)
    {
        s.Status = CampaignStatus.Running;
        s.FailureReason = null;
        s.FinishedAt = null;
        s.ProgressAt = e.Timestamp;
    }
}
