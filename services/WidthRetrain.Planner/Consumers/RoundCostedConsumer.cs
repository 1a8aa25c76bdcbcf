using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records a costed round and moves the campaign on (<see cref="RoundCostedDecider"/>).</summary>
public sealed class RoundCostedConsumer(IDocumentStore store, TimeProvider clock, ILogger<RoundCostedConsumer> log) : IConsumer<RoundCosted>
{
    public async Task Consume(ConsumeContext<RoundCosted> context)
    {
        RoundCosted m = context.Message;
        MessageVersion.Require(m, 1, RoundCosted.Version); // v1 (with "arm") from a cost accountant not yet upgraded
        // Read as v2 (the "arm" it repeats is dropped), it is recorded as v2.
        if (m.SchemaVersion != RoundCosted.Version) m = m with { SchemaVersion = RoundCosted.Version };
        CancellationToken cancel = context.CancellationToken;
        await using var work = PlannerUnitOfWork.Open(store, m.Round.CampaignId, context.MessageId, nameof(RoundCosted));
        // One round trip for what the decider usually reads: the round and the campaign for writing, and the chain's next round.
        await work.ReadAsync(m.Round.RoundId, CampaignAccess.Write, m.Round.TaskIndex + 1 < m.Round.TaskCount ? [RoundIds.Neighbour(m.Round, 1)] : [], cancel);
        RoundState? round = await work.RoundForWritingAsync(m.Round.RoundId, cancel);
        CampaignState? campaign = await work.CampaignForWritingAsync(cancel);
        IReadOnlyDictionary<Guid, RoundState> rounds = round is null || campaign is null
            ? new Dictionary<Guid, RoundState>() : await work.RoundsAsync(RoundCostedDecider.RoundsToLoad(round, campaign), cancel);
        var recorded = round is not null && campaign is not null && RoundCostedDecider.ConcludesStage(round, campaign)
            ? await work.CampaignRoundsAsync(cancel) : null;
        var sequences = round is not null && campaign is not null && RoundCostedDecider.NeedsTasks(round, campaign)
            ? await work.SequencesAsync(campaign, cancel) : null;
        PlannerOutcome outcome = RoundCostedDecider.Decide(m, round, work.RoundEventIds(m.Round.RoundId), campaign, rounds, recorded, sequences, clock.GetUtcNow());
        await work.CommitAsync(outcome, cancel);
        foreach (CampaignCompleted done in outcome.Messages.OfType<CampaignCompleted>())
            log.LogInformation("Campaign {CampaignId} completed: {Rounds} rounds, cost {Cost:0.0000} {Currency}",
                done.CampaignId, done.Rounds, done.TotalCost, m.Cost.Currency);
        await PlannerMessages.SendAsync(context, outcome, log, cancel);
    }
}
