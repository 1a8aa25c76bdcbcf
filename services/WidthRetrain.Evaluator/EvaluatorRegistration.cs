using MassTransit;

namespace WidthRetrain.Evaluator;

public static class EvaluatorRegistration
{
    public static void AddEvaluator(this IBusRegistrationConfigurator x) => x.AddConsumer<EvaluateRoundConsumer, EvaluateRoundConsumerDefinition>();
}
