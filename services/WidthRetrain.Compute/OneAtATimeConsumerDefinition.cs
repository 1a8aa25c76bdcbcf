using MassTransit;

namespace WidthRetrain.Compute;

/// <summary>
/// One message at a time per process, and one taken from the broker at a time: the work is CPU-bound (libtorch already
/// uses the cores it is given), and an idle process must never be starved by a busy one's prefetch. Scale out with processes.
/// </summary>
public abstract class OneAtATimeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    protected OneAtATimeConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context) => endpoint.PrefetchCount = 1;
}
