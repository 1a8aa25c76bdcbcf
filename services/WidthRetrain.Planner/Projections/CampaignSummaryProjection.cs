using JasperFx.Events;
using Marten.Events.Aggregation;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Planner.Events;

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
        Policy = e.Data.Spec.Policy is { } p ? $"{p.Name} v{p.Version}" : null,
    };

    public void Apply(DecisionMade e, CampaignSummary s) =>
        s.Decisions.Add($"stage {e.Decision.Stage}: {e.Decision.Action}{(e.Decision.Reason is { } r && e.Decision.Action == DecisionAction.Stop ? $" ({r})" : "")}: {e.Decision.Explanation}");

    public void Apply(StageStarted e, CampaignSummary s)
    {
        s.Stage = e.Stage;
        s.RoundsTotal += e.Rounds;
    }

    public void Apply(RoundCompleted e, CampaignSummary s)
    {
        s.RoundsDone++;
        s.TotalCost += e.Cost.Total;
        s.DeviceSeconds += e.TrainDeviceSeconds + e.EvalDeviceSeconds;
        s.LastRound = $"{e.Round.Arm} seed {e.Round.Seed} task {e.Round.TaskIndex + 1}/{e.Round.TaskCount}";
    }

    public void Apply(CampaignCompleted e, CampaignSummary s)
    {
        s.Status = "completed";
        s.FinishedAt = e.CompletedAt;
    }

    public void Apply(CampaignFailed e, CampaignSummary s)
    {
        s.Status = "failed";
        s.FailureReason = e.Reason;
        s.FinishedAt = e.FailedAt;
    }
}
