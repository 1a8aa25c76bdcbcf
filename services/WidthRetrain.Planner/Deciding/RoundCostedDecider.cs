using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// RoundCosted: records the price, completes the round on the campaign stream, schedules the arm and seed's next task
/// and, when this was the stage's last round, concludes the stage (<see cref="StageConclusionDecider"/>). One
/// transaction over the round and campaign streams, with optimistic concurrency on both: when two rounds finish at
/// once, one commits and the other is retried against the new state, so a stage is concluded exactly once.
/// A duplicate appends nothing and sends again the commands this step sent that have not advanced since.
/// </summary>
public static class RoundCostedDecider
{
    /// <summary>The round states <see cref="Decide"/> may consult: the next round of the chain and, after a conclusion, the next stage's first rounds.</summary>
    public static IReadOnlyList<Guid> RoundsToLoad(RoundState round, CampaignState campaign)
    {
        var ids = new List<Guid>();
        if (round.Trained is { } trained && RoundCommands.ScheduleNext(round, trained) is { } next) ids.Add(next.Round.RoundId);
        if (campaign.Stages.FirstOrDefault(s => s.Stage == round.Round.Stage + 1) is { } following)
            ids.AddRange(RoundCommands.FirstRounds(following, campaign.Spec).Select(r => r.Round.RoundId));
        return ids;
    }

    /// <summary>Whether <see cref="Decide"/> needs the released task specs: to start the next stage, or to send its first rounds again.</summary>
    public static bool NeedsTasks(RoundState round, CampaignState campaign) =>
        ConcludesStage(round, campaign) || (round.Costed is not null && campaign.Stages.Any(s => s.Stage == round.Round.Stage + 1));

    /// <summary>Whether recording this price completes its stage: then the campaign's recorded rounds are needed.</summary>
    public static bool ConcludesStage(RoundState round, CampaignState campaign)
    {
        int stage = round.Round.Stage;
        return round.Costed is null && campaign.Status == CampaignStatus.Running && !campaign.ConcludedStages.Contains(stage)
               && campaign.Stages.FirstOrDefault(s => s.Stage == stage) is { } started && campaign.CompletedIn(stage) + 1 == started.Rounds;
    }

    /// <param name="roundEventIds">The ids of the events recorded on the round's stream so far.</param>
    /// <param name="campaignRounds">The campaign's recorded RoundCompleted events, when <see cref="ConcludesStage"/>.</param>
    /// <param name="sequences">The released task specs, when <see cref="NeedsTasks"/>.</param>
    public static PlannerOutcome Decide(RoundCosted m, RoundState? round, IReadOnlyList<Guid> roundEventIds, CampaignState? campaign,
        IReadOnlyDictionary<Guid, RoundState> rounds, IReadOnlyList<RoundCompleted>? campaignRounds, IReadOnlyList<SeedTasks>? sequences, DateTimeOffset now)
    {
        if (round is null) throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        if (campaign is null) throw new PermanentFailureException($"campaign {m.Round.CampaignId} is not recorded here");
        bool running = campaign.Status == CampaignStatus.Running;
        var outcome = new OutcomeBuilder();
        if (round.Costed is not null)
        {
            if (running) outcome.SendAll(StepsAgain(round, campaign, rounds, sequences));
            return outcome.Build();
        }
        if (round.Evaluated is null || round.Trained is null)
            throw new RoundNotReadyException($"round {m.Round.RoundId}: costed before its evaluation was recorded");

        RoundTrained trained = round.Trained;
        RoundCompleted completed = RoundCompletion.From(trained, round.Evaluated, m, roundEventIds);
        bool concludes = ConcludesStage(round, campaign);
        outcome.Append(m.Round.RoundId, m).Append(campaign.Id, completed);

        if (RoundCommands.ScheduleNext(round, trained) is { } next)
        {
            RoundState? known = rounds.GetValueOrDefault(next.Round.RoundId);
            if (known is null) outcome.Start(next.Round.RoundId, next);
            if (running && known?.Trained is null)
                outcome.Send(new TrainRound(next.Round, next.Arm, trained.Tasks, next.Parent, next.History ?? []));
        }
        if (concludes)
        {
            IReadOnlyList<RoundCompleted> all = [.. campaignRounds ?? throw new ArgumentNullException(nameof(campaignRounds)), completed];
            StageConclusionDecider.Conclude(campaign, m.Round.Stage, all, sequences ?? throw new ArgumentNullException(nameof(sequences)), now, outcome, rounds);
        }
        return outcome.Build();
    }

    /// <summary>What a recorded price led to, sent again where it has not advanced: the chain's next round, the next stage's first rounds.</summary>
    private static IEnumerable<object> StepsAgain(RoundState round, CampaignState campaign, IReadOnlyDictionary<Guid, RoundState> rounds,
        IReadOnlyList<SeedTasks>? sequences) =>
        RoundsToLoad(round, campaign).Select(id => rounds.GetValueOrDefault(id)).OfType<RoundState>().Where(r => r.Trained is null)
            .Select(r => r.Round.Stage == round.Round.Stage
                ? new TrainRound(r.Round, r.Arm, round.Trained!.Tasks, r.Parent, r.History)
                : RoundCommands.Train(r, sequences ?? throw new ArgumentNullException(nameof(sequences))));
}
