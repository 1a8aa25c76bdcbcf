using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WidthRetrain.Trainer;

public static class TrainerRegistration
{
    public static void AddTrainer(this IBusRegistrationConfigurator x)
    {
        x.TryAddSingleton<SiblingRounds>();
        x.AddConsumer<TrainRoundConsumer, TrainRoundConsumerDefinition>();
    }
}
