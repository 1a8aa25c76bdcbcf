using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// ResumeCampaign: a failed or interrupted campaign continues from its record. Nothing recorded is redone: each
/// pending round's next step is sent, a stage whose rounds are all recorded is concluded. A completed campaign is left as it is.
/// </summary>
public static class ResumeDecider
{
    /// <param name="campaignRounds">The campaign's RoundCompleted events, needed when <see cref="CampaignState.StageAwaitsConclusion"/>.</param>
    public static PlannerOutcome Decide(Guid campaignId, CampaignState? campaign, IReadOnlyList<SeedTasks>? sequences, IReadOnlyList<RoundState> pending,
        Func<Guid, RoundState?> lookup, IReadOnlyList<Planner.Events.RoundCompleted>? campaignRounds, IReadOnlyDictionary<Guid, RoundState> rounds,
        DateTimeOffset now)
    {
        if (campaign is null) throw new PermanentFailureException($"campaign {campaignId} is not recorded here");
        if (campaign.Status == CampaignStatus.Completed) return PlannerOutcome.None;
        var outcome = new OutcomeBuilder().Append(campaign.Id, new CampaignResumed(campaign.Id, campaign.FailureReason, now));
        if (campaign.StageAwaitsConclusion)
        {
            StageConclusionDecider.Conclude(campaign, campaign.Stage, campaignRounds ?? throw new ArgumentNullException(nameof(campaignRounds)),
                sequences ?? throw new ArgumentNullException(nameof(sequences)), now, outcome, rounds);
            return outcome.Build();
        }
        IReadOnlyList<object> commands = RedriveDecider.Commands(campaign, sequences, pending, lookup);
        outcome.Append(campaign.Id, new CampaignRedriven(campaign.Id, 0, "resumed", commands.Count, now));
        return outcome.SendAll(commands).Build();
    }
}
