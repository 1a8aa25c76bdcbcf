using MassTransit;

namespace WidthRetrain.DriftGenerator;

public static class DriftGeneratorRegistration
{
    public static void AddDriftGenerator(this IBusRegistrationConfigurator x) => x.AddConsumer<GenerateTasksConsumer>();
}
