using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// A failed message of a running campaign. A permanent failure of a step the round still waits for fails the
/// campaign at once, naming the round, the service and the reason. A transient one (an outage that outlasted the
/// retries) is recorded on the round; the planner sends the step again once the campaign stalls. Faults of rounds the
/// campaign never scheduled, or of steps already done (a stale duplicate's), change nothing.
/// </summary>
public static class FaultDecider
{
    public static PlannerOutcome Decide(FaultReport f, CampaignState? campaign, RoundState? round)
    {
        if (campaign is null || campaign.Status != CampaignStatus.Running) return PlannerOutcome.None;
        var outcome = new OutcomeBuilder();
        if (f.Round is null)
        {
            if (campaign.HasTasks || !f.Permanent) return PlannerOutcome.None;
            var failed = new CampaignFailed(campaign.Id, $"{f.Service} could not prepare the tasks: {f.Reason}", f.At, null, f.Service);
            return outcome.Append(campaign.Id, failed).Send(failed).Build();
        }
        if (round is null || f.Step is not { } step || round.Pending is not { } pending || pending > step) return PlannerOutcome.None;
        outcome.Append(round.Id, new RoundFaulted(f.Round, f.Service, step.ToString().ToLowerInvariant(), f.Reason, f.Permanent, f.At));
        if (f.Permanent)
        {
            var failed = new CampaignFailed(campaign.Id, $"{f.Service} failed on {RoundCommands.Describe(f.Round)}: {f.Reason}", f.At, f.Round, f.Service);
            outcome.Append(campaign.Id, failed).Send(failed);
        }
        return outcome.Build();
    }
}
