using Marten;
using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records the task sequences and starts stage 1: the first round of every arm and seed.</summary>
public sealed class TasksReleasedConsumer(IDocumentStore store) : IConsumer<TasksReleased>
{
    public async Task Consume(ConsumeContext<TasksReleased> context)
    {
        TasksReleased m = context.Message;
        MessageVersion.Require(m);
        await using IDocumentSession session = PlannerSession.Open(store, context, m.CampaignId);
        var campaign = await session.Events.FetchForWriting<CampaignState>(m.CampaignId, context.CancellationToken);
        CampaignState state = campaign.Aggregate ?? throw new PermanentFailureException($"campaign {m.CampaignId} is not recorded here");
        if (state.Sequences is not null) return; // a duplicate: the stage was planned already
        int tasks = m.Sequences[0].Tasks.Count;
        if (tasks != state.Spec.Drift.Tasks || m.Sequences.Select(s => s.Seed).Order().SequenceEqual(state.Spec.Seeds.Order()) is false)
            throw new PermanentFailureException($"campaign {m.CampaignId}: released tasks do not match the spec ({tasks} tasks for seeds {string.Join(",", m.Sequences.Select(s => s.Seed))})");

        StageStarted stage = StagePlan.First(m.CampaignId, state.Spec);
        campaign.AppendMany(m, stage);
        IReadOnlyList<TrainRound> commands = FirstRounds(session, stage, m.Sequences);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.Publish(stage);
        foreach (TrainRound c in commands) await context.Publish(c);
    }

    /// <summary>Starts the round stream of every arm and seed's first task in the stage and returns their commands.</summary>
    public static IReadOnlyList<TrainRound> FirstRounds(IDocumentSession session, StageStarted stage, IReadOnlyList<SeedTasks> sequences)
    {
        var commands = new List<TrainRound>();
        foreach (ArmSpec arm in stage.Arms)
            foreach (SeedTasks sequence in sequences)
            {
                RoundRef first = RoundIds.Ref(stage.CampaignId, stage.Stage, arm, sequence.Seed, 0, sequence.Tasks.Count);
                session.Events.StartStream<RoundState>(first.RoundId, new RoundScheduled(first, arm, null));
                commands.Add(new TrainRound(first, arm, sequence.Tasks, null, []));
            }
        return commands;
    }
}
