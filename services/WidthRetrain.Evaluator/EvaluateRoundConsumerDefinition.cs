using MassTransit;

namespace WidthRetrain.Evaluator;

/// <summary>One evaluation at a time per process: evaluation is CPU-bound like training.</summary>
public sealed class EvaluateRoundConsumerDefinition : ConsumerDefinition<EvaluateRoundConsumer>
{
    public EvaluateRoundConsumerDefinition()
    {
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<EvaluateRoundConsumer> consumer,
        IRegistrationContext context) => endpoint.PrefetchCount = 1;
}
