using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Planner.Deciding;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Sends what a committed decision asks for, and logs the decisions among it.</summary>
public static class PlannerMessages
{
    public static async Task SendAsync(IPublishEndpoint bus, PlannerOutcome outcome, ILogger log, CancellationToken cancel)
    {
        foreach (object message in outcome.Messages)
        {
            if (message is DecisionMade d)
                log.LogInformation("Campaign {CampaignId}: stage {Stage} decision {Action} {Reason}: {Explanation}",
                    d.CampaignId, d.Decision.Stage, d.Decision.Action, d.Decision.Reason, d.Decision.Explanation);
            await bus.Publish(message, message.GetType(), cancel);
        }
    }
}
