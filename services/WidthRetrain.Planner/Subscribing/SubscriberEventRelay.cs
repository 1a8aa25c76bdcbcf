using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace WidthRetrain.Planner.Subscribing;

/// <summary>
/// Publishes the subscriber events from the record (a Marten subscription run by the async daemon): in the order they
/// were recorded, at least once. Its position is stored with the events, so a planner killed between a commit and a
/// publish, or one that was down, publishes what it missed when it starts again; a page published but not yet marked
/// is published again. A broker that is down holds the relay (retried every second), it loses nothing.
/// </summary>
public sealed class SubscriberEventRelay(IBus bus, ILogger<SubscriberEventRelay> log) : SubscriptionBase
{
    public const string SubscriptionName = "subscriber-events";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations,
        CancellationToken cancellationToken)
    {
        foreach (IEvent e in page.Events)
        {
            if (SubscriberEventMapping.From(e.Data, e.Timestamp) is not { } message) continue;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await bus.Publish(message, message.GetType(), cancellationToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (attempt == 1 || attempt % 30 == 0)
                        log.LogWarning("Subscriber event {Type} (event {Sequence}) not published yet, retrying every second: {Reason}",
                            message.GetType().Name, e.Sequence, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }
        return NullChangeListener.Instance;
    }
}
