using Marten;
using MassTransit;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Opens a session whose every appended event carries the campaign (correlation) and the message that caused it.</summary>
public static class PlannerSession
{
    public static IDocumentSession Open(IDocumentStore store, ConsumeContext context, Guid campaignId)
    {
        IDocumentSession session = store.LightweightSession();
        session.CorrelationId = campaignId.ToString("D");
        session.CausationId = context.MessageId?.ToString("D");
        session.SetHeader("message-type", context.SupportedMessageTypes.FirstOrDefault() ?? "");
        return session;
    }
}
