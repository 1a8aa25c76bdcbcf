using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records an evaluated round, once, and asks the cost accountant to price it (<see cref="RoundEvaluatedDecider"/>).</summary>
public sealed class RoundEvaluatedConsumer(IDocumentStore store, ILogger<RoundEvaluatedConsumer> log) : IConsumer<RoundEvaluated>
{
    public async Task Consume(ConsumeContext<RoundEvaluated> context)
    {
        RoundEvaluated m = context.Message;
        MessageVersion.Require(m, 1);
        await using var work = PlannerUnitOfWork.Open(store, m.Round.CampaignId, context.MessageId, nameof(RoundEvaluated));
        // One round trip for what the decider reads: the round, the campaign, and the chain's previous round (its cost so far).
        await work.ReadAsync(m.Round.RoundId, CampaignAccess.Read, m.Round.TaskIndex > 0 ? [RoundIds.Neighbour(m.Round, -1)] : [], context.CancellationToken);
        RoundState? round = await work.RoundForWritingAsync(m.Round.RoundId, context.CancellationToken);
        RoundState? previous = null;
        if (round is not null && RoundEvaluatedDecider.PreviousRound(m.Round, round) is { } previousId)
            previous = (await work.RoundsAsync([previousId], context.CancellationToken)).GetValueOrDefault(previousId);
        CampaignState? campaign = await work.CampaignAsync(context.CancellationToken);
        PlannerOutcome outcome = RoundEvaluatedDecider.Decide(m, round, previous, campaign);
        await work.CommitAsync(outcome, context.CancellationToken);
        await PlannerMessages.SendAsync(context, outcome, log, context.CancellationToken);
    }
}
