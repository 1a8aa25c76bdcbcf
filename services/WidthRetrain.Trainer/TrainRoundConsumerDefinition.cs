using MassTransit;
using WidthRetrain.Compute;

namespace WidthRetrain.Trainer;

/// <summary>
/// Holds up to Compute:GroupRounds rounds at once (taken from the broker as they come), so that rounds arriving while
/// one trains can train together next; the compute thread still runs one job at a time. Scale out with more trainers.
/// </summary>
public sealed class TrainRoundConsumerDefinition(ComputeOptions compute) : ConsumerDefinition<TrainRoundConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TrainRoundConsumer> consumer,
        IRegistrationContext context)
    {
        int held = Math.Max(1, compute.GroupRounds);
        endpoint.PrefetchCount = held;
        endpoint.ConcurrentMessageLimit = held;
    }
}
