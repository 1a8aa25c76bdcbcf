using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Subscribing;
using WidthRetrain.Planner.Deciding;

namespace WidthRetrain.Planner.Consumers;

/// <summary>
/// Sends what a committed decision asks for, and logs the decisions among it. Recorded subscriber events are not
/// published here but by <see cref="Subscribing.SubscriberEventRelay"/>, from the record, at least once; a rejection is
/// not recorded, so it is published here (a redelivered StartCampaign is rejected, and published, again).
/// </summary>
public static class PlannerMessages
{
    public static async Task SendAsync(IPublishEndpoint bus, PlannerOutcome outcome, ILogger log, CancellationToken cancel)
    {
        foreach (object message in outcome.Messages)
        {
            if (message is DecisionMade d)
                log.LogInformation("Campaign {CampaignId}: stage {Stage} decision {Action} {Reason}: {Explanation}",
                    d.CampaignId, d.Decision.Stage, d.Decision.Action, d.Decision.Reason, d.Decision.Explanation);
            if (SubscriberEvents.IsSubscriberEvent(message.GetType()) && message is not CampaignRejected) continue;
            await bus.Publish(message, message.GetType(), cancel);
        }
    }
}
