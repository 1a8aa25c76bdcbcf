using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WidthRetrain.Evaluator;

public static class EvaluatorRegistration
{
    public static void AddEvaluator(this IBusRegistrationConfigurator x)
    {
        x.TryAddSingleton<LearnedOutputs>();
        x.AddConsumer<EvaluateRoundConsumer, EvaluateRoundConsumerDefinition>();
    }
}
