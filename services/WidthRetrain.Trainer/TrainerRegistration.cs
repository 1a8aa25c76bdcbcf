using MassTransit;

namespace WidthRetrain.Trainer;

public static class TrainerRegistration
{
    public static void AddTrainer(this IBusRegistrationConfigurator x) => x.AddConsumer<TrainRoundConsumer, TrainRoundConsumerDefinition>();
}
