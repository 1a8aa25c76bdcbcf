using MassTransit;

namespace WidthRetrain.Planner.Consumers;

/// <summary>
/// Completing rounds appends to the shared campaign stream: one at a time per planner keeps optimistic-concurrency
/// retries rare (several planners still stay correct, they just retry more).
/// </summary>
public sealed class RoundCostedConsumerDefinition : ConsumerDefinition<RoundCostedConsumer>
{
    public RoundCostedConsumerDefinition() => ConcurrentMessageLimit = 1;
}
