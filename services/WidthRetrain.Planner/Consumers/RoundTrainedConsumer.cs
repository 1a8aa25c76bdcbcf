using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records a trained round in its stream, once, and asks the evaluators for it (<see cref="RoundTrainedDecider"/>).</summary>
public sealed class RoundTrainedConsumer(IDocumentStore store, ILogger<RoundTrainedConsumer> log) : IConsumer<RoundTrained>
{
    public async Task Consume(ConsumeContext<RoundTrained> context)
    {
        RoundTrained m = context.Message;
        MessageVersion.Require(m, 1);
        await using var work = PlannerUnitOfWork.Open(store, m.Round.CampaignId, context.MessageId, nameof(RoundTrained));
        await work.ReadAsync(m.Round.RoundId, CampaignAccess.Read, [], context.CancellationToken);
        RoundState? round = await work.RoundForWritingAsync(m.Round.RoundId, context.CancellationToken);
        CampaignState? campaign = await work.CampaignAsync(context.CancellationToken);
        PlannerOutcome outcome = RoundTrainedDecider.Decide(m, round, campaign?.Status ?? CampaignStatus.Failed);
        await work.CommitAsync(outcome, context.CancellationToken);
        await PlannerMessages.SendAsync(context, outcome, log, context.CancellationToken);
    }
}
