using Marten;
using Marten.Exceptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Validates a campaign (a bad spec is rejected and nothing recorded), starts its stream, asks for its tasks.</summary>
public sealed class StartCampaignConsumer(IDocumentStore store, TimeProvider clock, CampaignLimits limits, ILogger<StartCampaignConsumer> log)
    : IConsumer<StartCampaign>
{
    public async Task Consume(ConsumeContext<StartCampaign> context)
    {
        StartCampaign m = context.Message;
        MessageVersion.Require(m, 1);
        await using var work = PlannerUnitOfWork.Open(store, m.CampaignId, context.MessageId, nameof(StartCampaign));
        var state = await work.CampaignAsync(context.CancellationToken);
        PlannerOutcome outcome = CampaignStartDecider.Decide(m, state, clock.GetUtcNow(), limits);
        try
        {
            await work.CommitAsync(outcome, context.CancellationToken);
        }
        catch (ExistingStreamIdCollisionException)
        {
            // Started concurrently by another delivery of the same command: retried, it finds the campaign recorded.
            throw new Deciding.RoundNotReadyException($"campaign {m.CampaignId} was started concurrently");
        }
        foreach (CampaignRejected r in outcome.Messages.OfType<CampaignRejected>())
            log.LogWarning("Campaign {CampaignId} rejected: {Problems}", r.CampaignId, string.Join("; ", r.Problems));
        foreach (CampaignStarted s in outcome.Messages.OfType<CampaignStarted>())
            log.LogInformation("Campaign {CampaignId} '{Name}' started: widths {Widths}, seeds {Seeds}, {Tasks} {Scenario} tasks",
                s.CampaignId, s.Spec.Name, string.Join(",", s.Spec.Widths), string.Join(",", s.Spec.Seeds), s.Spec.Drift.Tasks, s.Spec.Drift.Kind);
        await PlannerMessages.SendAsync(context, outcome, log, context.CancellationToken);
    }
}
