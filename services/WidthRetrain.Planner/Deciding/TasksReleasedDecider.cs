using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// TasksReleased: records the task sequences and starts stage 1 (a stream and a TrainRound for the first round of
/// every arm and seed). Released again: sends again the first rounds that are not trained yet, so a crash between
/// the commit and the last publish loses none.
/// </summary>
public static class TasksReleasedDecider
{
    /// <summary>The rounds whose state <see cref="Decide"/> needs: stage 1's first rounds once tasks are on record.</summary>
    public static IReadOnlyList<Guid> RoundsToLoad(CampaignState campaign) =>
        !campaign.HasTasks || campaign.Stages.Count == 0 ? []
            : [.. RoundCommands.FirstRounds(campaign.Stages[0], campaign.Spec).Select(r => r.Round.RoundId)];

    public static PlannerOutcome Decide(TasksReleased m, CampaignState? campaign, IReadOnlyDictionary<Guid, RoundState> rounds)
    {
        if (campaign is null) throw new PermanentFailureException($"campaign {m.CampaignId} is not recorded here");
        if (campaign.HasTasks)
        {
            if (campaign.Status != CampaignStatus.Running) return PlannerOutcome.None;
            // The released tasks are what this duplicate carries; the trainer checks every task's content hash anyway.
            IEnumerable<object> again = RoundCommands.FirstRounds(campaign.Stages[0], campaign.Spec)
                .Select(r => rounds.GetValueOrDefault(r.Round.RoundId)).OfType<RoundState>()
                .Where(r => r.Trained is null).Select(r => RoundCommands.Train(r, m.Sequences));
            return new OutcomeBuilder().SendAll(again).Build();
        }
        if (m.Sequences.Count == 0) throw new PermanentFailureException($"campaign {m.CampaignId}: no task sequences released");
        int tasks = m.Sequences[0].Tasks.Count;
        if (tasks != campaign.Spec.Drift.Tasks || m.Sequences.Any(s => s.Tasks.Count != tasks)
            || !m.Sequences.Select(s => s.Seed).Order().SequenceEqual(campaign.Spec.Seeds.Order()))
            throw new PermanentFailureException(
                $"campaign {m.CampaignId}: released tasks do not match the spec ({tasks} tasks for seeds {string.Join(",", m.Sequences.Select(s => s.Seed))}; the spec asks for {campaign.Spec.Drift.Tasks} tasks for seeds {string.Join(",", campaign.Spec.Seeds)})");

        StageStarted stage = StagePlan.First(m.CampaignId, campaign.Spec);
        var outcome = new OutcomeBuilder().Append(m.CampaignId, m, stage);
        bool running = campaign.Status == CampaignStatus.Running;
        if (running) outcome.Send(stage);
        foreach (RoundScheduled first in RoundCommands.FirstRounds(stage, campaign.Spec))
        {
            outcome.Start(first.Round.RoundId, first);
            if (running) outcome.Send(new TrainRound(first.Round, first.Arm, RoundCommands.TasksOf(m.Sequences, first.Round.Seed), null, []));
        }
        return outcome.Build();
    }
}
