using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// RoundTrained: recorded once, then the evaluators are asked for the round. A duplicate appends nothing and asks
/// again only while the evaluation is not on record (so a lost EvaluateRound is recovered, and a stale duplicate
/// sets off nothing).
/// </summary>
public static class RoundTrainedDecider
{
    public static PlannerOutcome Decide(RoundTrained m, RoundState? round, CampaignStatus campaign)
    {
        if (round is null) throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        bool running = campaign == CampaignStatus.Running;
        if (round.Trained is not null)
            return running && round.Evaluated is null ? new OutcomeBuilder().Send(RoundCommands.Evaluate(round)).Build() : PlannerOutcome.None;
        var outcome = new OutcomeBuilder().Append(m.Round.RoundId, m);
        if (running) outcome.Send(new EvaluateRound(m));
        return outcome.Build();
    }
}
