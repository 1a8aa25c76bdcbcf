using MassTransit;

namespace WidthRetrain.Trainer;

/// <summary>One training at a time per process (libtorch already uses every core); scale out with more trainers on the same queue.</summary>
public sealed class TrainRoundConsumerDefinition : ConsumerDefinition<TrainRoundConsumer>
{
    public TrainRoundConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TrainRoundConsumer> consumer,
        IRegistrationContext context)
    {
        // Take one round at a time from the broker, so an idle trainer is never starved by a busy one's prefetch.
        endpoint.PrefetchCount = 1;
    }
}
