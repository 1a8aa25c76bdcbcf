using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Consumers;

/// <summary>
/// Records a costed round and completes it on the campaign stream, then schedules the arm and seed's next task, or,
/// when this was the stage's last round, concludes the stage and, in a staged investment, appends the policy's
/// decision and starts the stage it asks for; otherwise completes the campaign. Everything is one transaction over
/// the round stream and the campaign stream (optimistic concurrency on both): when two rounds finish at once, one
/// commits and the other is retried against the new campaign state, so a stage is concluded exactly once.
/// </summary>
public sealed class RoundCostedConsumer(IDocumentStore store, ILogger<RoundCostedConsumer> log) : IConsumer<RoundCosted>
{
    public async Task Consume(ConsumeContext<RoundCosted> context)
    {
        RoundCosted m = context.Message;
        MessageVersion.Require(m);
        await using IDocumentSession session = PlannerSession.Open(store, context, m.Round.CampaignId);
        var round = await session.Events.FetchForWriting<RoundState>(m.Round.RoundId, context.CancellationToken);
        RoundState state = round.Aggregate ?? throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        if (state.Costed is not null) return;
        if (state.Evaluated is null || state.Trained is null)
            throw new RoundNotReadyException($"round {m.Round.RoundId}: costed before its evaluation was recorded");
        round.AppendOne(m);

        var campaignStream = await session.Events.FetchForWriting<CampaignState>(m.Round.CampaignId, context.CancellationToken);
        CampaignState campaign = campaignStream.Aggregate ?? throw new PermanentFailureException($"campaign {m.Round.CampaignId} is not recorded here");
        var sourceIds = (await session.Events.FetchStreamAsync(m.Round.RoundId, token: context.CancellationToken)).Select(e => e.Id).ToArray();
        RoundTrained trained = state.Trained;
        RoundEvaluated evaluated = state.Evaluated;
        var completed = new RoundCompleted(m.Round, evaluated.Accuracy, evaluated.RandomInitAccuracy, trained.Checkpoint,
            trained.Training.DeviceSeconds, evaluated.EvalDeviceSeconds, trained.Training.Samples, trained.Training.Flops, m.Cost,
            m.CumulativeCost, trained.Training.Worker, sourceIds, trained.Training.Device, evaluated.Device, trained.Training.ForwardFlopsPerSample);
        campaignStream.AppendOne(completed);

        var publish = new List<object>();
        if (m.Round.TaskIndex + 1 < m.Round.TaskCount)
        {
            RoundRef next = RoundIds.Next(m.Round, state.Arm);
            RoundState? nextState = await session.Events.FetchLatest<RoundState>(next.RoundId, context.CancellationToken);
            if (nextState is null) session.Events.StartStream<RoundState>(next.RoundId, new RoundScheduled(next, state.Arm, trained.Checkpoint));
            if (nextState?.Trained is null)
                publish.Add(new TrainRound(next, state.Arm, trained.Tasks, trained.Checkpoint, [.. trained.History, trained.Checkpoint]));
        }

        RoundCompleted[] stageRounds = [.. campaign.CompletedInStage(m.Round.Stage).Where(r => r.Round.RoundId != m.Round.RoundId), completed];
        if (stageRounds.Length == campaign.StageRounds && !campaign.ConcludedStages.Contains(m.Round.Stage))
        {
            var concluded = new StageConcluded(m.Round.CampaignId, m.Round.Stage, StageConclusion.Evidence(stageRounds),
                stageRounds.SelectMany(r => r.SourceEventIds).ToArray());
            campaignStream.AppendOne(concluded);
            publish.Add(concluded);
            StageStarted? next = null;
            if (campaign.Policy is { } policy)
            {
                RoundCompleted[] all = [.. campaign.Completed.Values.Where(r => r.Round.RoundId != m.Round.RoundId), completed];
                var (stages, spentAfter) = InvestmentHistory.Build(campaign.Stages, all, policy);
                InvestmentDecision decision = StagedWidening.Decide(policy, stages, spentAfter[^1], InvestmentHistory.Shape(campaign.Spec));
                var made = new DecisionMade(m.Round.CampaignId, decision, policy);
                campaignStream.AppendOne(made);
                publish.Add(made);
                log.LogInformation("Campaign {CampaignId}: stage {Stage} decision {Action} {Reason}: {Explanation}",
                    m.Round.CampaignId, m.Round.Stage, decision.Action, decision.Reason, decision.Explanation);
                next = StagePlan.Next(m.Round.CampaignId, campaign.Spec, decision);
            }
            if (next is not null)
            {
                campaignStream.AppendOne(next);
                publish.Add(next);
                publish.AddRange(TasksReleasedConsumer.FirstRounds(session, next, campaign.Sequences!));
            }
            else
            {
                var done = new CampaignCompleted(m.Round.CampaignId, campaign.Completed.Count + 1,
                    campaign.Completed.Values.Sum(r => r.Cost.Total) + m.Cost.Total, DateTimeOffset.UtcNow);
                campaignStream.AppendOne(done);
                publish.Add(done);
                log.LogInformation("Campaign {CampaignId} completed after stage {Stage}: {Rounds} rounds, cost {Cost:0.0000} {Currency}",
                    m.Round.CampaignId, m.Round.Stage, done.Rounds, done.TotalCost, m.Cost.Currency);
            }
        }

        await session.SaveChangesAsync(context.CancellationToken);
        foreach (object message in publish) await context.Publish(message, message.GetType());
    }
}
