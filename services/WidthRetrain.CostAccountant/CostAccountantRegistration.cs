using MassTransit;

namespace WidthRetrain.CostAccountant;

public static class CostAccountantRegistration
{
    public static void AddCostAccountant(this IBusRegistrationConfigurator x) => x.AddConsumer<PriceRoundConsumer>();
}
