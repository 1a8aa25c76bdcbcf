using Marten;
using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records a trained round in its stream, once, and asks the evaluators for it.</summary>
public sealed class RoundTrainedConsumer(IDocumentStore store) : IConsumer<RoundTrained>
{
    public async Task Consume(ConsumeContext<RoundTrained> context)
    {
        RoundTrained m = context.Message;
        MessageVersion.Require(m);
        await using IDocumentSession session = PlannerSession.Open(store, context, m.Round.CampaignId);
        var round = await session.Events.FetchForWriting<RoundState>(m.Round.RoundId, context.CancellationToken);
        if (round.Aggregate is null) throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        if (round.Aggregate.Trained is not null) return; // duplicate delivery: nothing to append
        round.AppendOne(m);
        await session.SaveChangesAsync(context.CancellationToken);
        await context.Publish(new EvaluateRound(m));
    }
}
