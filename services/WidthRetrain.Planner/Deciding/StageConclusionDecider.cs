using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// A stage whose every round is recorded: its evidence, in a staged investment the policy's decision, and then either
/// the stage that decision asks for (streams and TrainRounds for its first rounds) or the campaign's completion.
/// </summary>
public static class StageConclusionDecider
{
    /// <param name="campaignRounds">Every RoundCompleted of the campaign, including any this outcome appends.</param>
    /// <param name="rounds">Known round states: a first round already on record is not scheduled twice.</param>
    /// <param name="sequences">The released task specs, for the next stage's first TrainRounds.</param>
    public static void Conclude(CampaignState campaign, int stage, IReadOnlyList<RoundCompleted> campaignRounds, IReadOnlyList<SeedTasks> sequences,
        DateTimeOffset now, OutcomeBuilder outcome, IReadOnlyDictionary<Guid, RoundState> rounds)
    {
        Guid id = campaign.Id;
        RoundCompleted[] stageRounds = [.. campaignRounds.Where(r => r.Round.Stage == stage)];
        var concluded = new StageConcluded(id, stage, StageConclusion.Evidence(stageRounds), [.. stageRounds.SelectMany(r => r.SourceEventIds)]);
        outcome.Append(id, concluded).Send(concluded);
        StageStarted? next = null;
        if (campaign.Policy is { } policy)
        {
            var (stages, spentAfter) = InvestmentHistory.Build(campaign.Stages, campaignRounds, policy);
            InvestmentDecision decision = PolicyRegistry.Standard.ForRecorded(policy).Decide(policy, stages, spentAfter[^1], InvestmentHistory.Shape(campaign.Spec));
            var made = new DecisionMade(id, decision, policy);
            outcome.Append(id, made).Send(made);
            next = StagePlan.Next(id, campaign.Spec, decision);
        }
        if (next is not null)
        {
            outcome.Append(id, next).Send(next);
            foreach (RoundScheduled first in RoundCommands.FirstRounds(next, campaign.Spec))
            {
                RoundState? known = rounds.GetValueOrDefault(first.Round.RoundId);
                if (known is null) outcome.Start(first.Round.RoundId, first);
                if (known?.Trained is null)
                    outcome.Send(new TrainRound(first.Round, first.Arm, RoundCommands.TasksOf(sequences, first.Round.Seed), null, []));
            }
            return;
        }
        RoundCompleted[] ordered = [.. InvestmentHistory.Canonical(campaignRounds)];
        var done = new CampaignCompleted(id, ordered.Length, ordered.Sum(r => r.Cost.Total), now);
        outcome.Append(id, done).Send(done);
    }
}
