using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// RoundEvaluated: recorded once (after its training), then the cost accountant is asked to price the round with the
/// campaign's price book and the arm and seed's cost so far. A duplicate asks again only while the price is not on record.
/// </summary>
public static class RoundEvaluatedDecider
{
    /// <summary>The round before this one in its chain, whose cumulative cost the price needs (none for the first task).</summary>
    public static Guid? PreviousRound(RoundRef round, RoundState state) => round.TaskIndex > 0 ? RoundIds.Previous(round, state.Arm).RoundId : null;

    public static PlannerOutcome Decide(RoundEvaluated m, RoundState? round, RoundState? previous, CampaignState? campaign)
    {
        if (round is null) throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        if (campaign is null) throw new PermanentFailureException($"campaign {m.Round.CampaignId} is not recorded here");
        bool running = campaign.Status == CampaignStatus.Running;
        RoundEvaluated evaluated = round.Evaluated ?? m;
        if (round.Evaluated is not null && (round.Costed is not null || !running)) return PlannerOutcome.None;
        if (round.Trained is null) throw new RoundNotReadyException($"round {m.Round.RoundId}: evaluated before its training was recorded");
        double previousCost = 0;
        if (m.Round.TaskIndex > 0)
            previousCost = previous?.Costed?.CumulativeCost
                ?? throw new RoundNotReadyException($"round {m.Round.RoundId}: the previous round's cost is not recorded yet");
        var outcome = new OutcomeBuilder();
        if (round.Evaluated is null) outcome.Append(m.Round.RoundId, m);
        if (running) outcome.Send(RoundCommands.Price(evaluated, round.Arm, campaign, previousCost));
        return outcome.Build();
    }
}
