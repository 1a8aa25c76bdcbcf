using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Investment.Costs;

namespace WidthRetrain.CostAccountant;

/// <summary>Prices a round with the campaign's price book and adds it to the arm and seed's running cost.</summary>
public sealed class PriceRoundConsumer : IConsumer<PriceRound>
{
    public async Task Consume(ConsumeContext<PriceRound> context)
    {
        PriceRound m = context.Message;
        MessageVersion.Require(m, 1);
        RoundCost cost = RoundPricing.Price(m.Prices, m.Training.Device, m.Training.DeviceSeconds, m.EvalDevice, m.EvalDeviceSeconds, m.Training.ForwardFlopsPerSample,
            m.Training.Flops);
        await context.Publish(new RoundCosted(m.Round, cost, m.PreviousCumulativeCost + cost.Total));
    }
}
