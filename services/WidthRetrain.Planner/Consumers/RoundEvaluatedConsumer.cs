using Marten;
using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records an evaluated round, once, and asks the cost accountant to price it with the campaign's price book.</summary>
public sealed class RoundEvaluatedConsumer(IDocumentStore store) : IConsumer<RoundEvaluated>
{
    public async Task Consume(ConsumeContext<RoundEvaluated> context)
    {
        RoundEvaluated m = context.Message;
        MessageVersion.Require(m);
        await using IDocumentSession session = PlannerSession.Open(store, context, m.Round.CampaignId);
        var round = await session.Events.FetchForWriting<RoundState>(m.Round.RoundId, context.CancellationToken);
        RoundState state = round.Aggregate ?? throw new PermanentFailureException($"round {m.Round.RoundId} was never scheduled here");
        if (state.Evaluated is not null) return;
        if (state.Trained is null) throw new RoundNotReadyException($"round {m.Round.RoundId}: evaluated before its training was recorded");
        round.AppendOne(m);

        double previousCost = 0;
        if (m.Round.TaskIndex > 0)
        {
            RoundState? previous = await session.Events.FetchLatest<RoundState>(RoundIds.Previous(m.Round, state.Arm).RoundId, context.CancellationToken);
            previousCost = previous?.Costed?.CumulativeCost
                ?? throw new RoundNotReadyException($"round {m.Round.RoundId}: the previous round's cost is not recorded yet");
        }
        CampaignState campaign = await session.Events.FetchLatest<CampaignState>(m.Round.CampaignId, context.CancellationToken)
            ?? throw new PermanentFailureException($"campaign {m.Round.CampaignId} is not recorded here");
        await session.SaveChangesAsync(context.CancellationToken);
        await context.Publish(new PriceRound(m.Round, state.Arm, m.Training, m.EvalDeviceSeconds, m.Device, campaign.Spec.Prices, previousCost));
    }
}
