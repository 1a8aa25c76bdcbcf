using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// StartCampaign: a bad spec is rejected (nothing recorded); a new campaign starts its stream and asks for its tasks;
/// the same command again asks again for tasks not yet released; another spec under a used id is rejected.
/// </summary>
public static class CampaignStartDecider
{
    /// <remarks>A partial spec is completed with the command line's defaults first (<see cref="CampaignSpecDefaults"/>), then validated against <paramref name="limits"/>.</remarks>
    public static PlannerOutcome Decide(StartCampaign m, CampaignState? existing, DateTimeOffset now, CampaignLimits limits)
    {
        CampaignSpec spec = CampaignSpecDefaults.Complete(m.Spec);
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(spec, limits);
        if (problems.Count > 0) return new OutcomeBuilder().Send(new CampaignRejected(m.CampaignId, problems)).Build();
        var generate = new GenerateTasks(m.CampaignId, spec.Dataset, spec.Drift, spec.Seeds);
        if (existing is null)
        {
            var started = new CampaignStarted(m.CampaignId, spec, now);
            return new OutcomeBuilder().Start(m.CampaignId, started).Send(started).Send(generate).Build();
        }
        if (CanonicalJson.Of(existing.Spec) != CanonicalJson.Of(spec))
            return new OutcomeBuilder().Send(new CampaignRejected(m.CampaignId,
                [$"campaignId: {m.CampaignId} is already used by another campaign ('{existing.Spec.Name}')"])).Build();
        return !existing.HasTasks && existing.Status == CampaignStatus.Running ? new OutcomeBuilder().Send(generate).Build() : PlannerOutcome.None;
    }
}
