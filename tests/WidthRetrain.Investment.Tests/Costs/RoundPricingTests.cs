using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Investment.Costs;

namespace WidthRetrain.Investment.Tests.Costs;

public class RoundPricingTests
{
    private static readonly PriceBook Book = new("EUR", new Dictionary<string, double> { ["cpu"] = 0.36, ["cuda"] = 3.6 },
        new Dictionary<string, double> { ["cpu"] = 100, ["cuda"] = 400 }, 0.5, 200, "cpu", 10);

    [Fact]
    public void PricesDeviceTimeEnergyAndCo2_ByHand()
    {
        // train 3600 s on cuda: 3.6; eval 36 s on cpu: 0.0036.
        // energy: (3600 * 400 + 36 * 100) J = 1,443,600 J = 0.401 kWh -> 0.2005 EUR, 80.2 g CO2.
        var cost = RoundPricing.Price(Book, "cuda:0", 3600, "cpu", 36, forwardFlopsPerSample: 1e4);
        Assert.Equal(3.6, cost.TrainingDeviceCost, 12);
        Assert.Equal(0.0036, cost.EvaluationDeviceCost, 12);
        Assert.Equal(0.401, cost.EnergyKwh, 12);
        Assert.Equal(0.2005, cost.EnergyCost, 12);
        Assert.Equal(80.2, cost.Co2Grams!.Value, 9);
        Assert.Equal(3.6 + 0.0036 + 0.2005, cost.Total, 12);
        Assert.Equal("EUR", cost.Currency);
    }

    [Fact]
    public void ServingCost_ScalesWithTheModelsFlops()
    {
        // 1e6 predictions x 1e4 FLOPs at 10 GFLOP/s = 1 s: 0.36/3600 + 100 J * 0.5 EUR/kWh.
        double one = RoundPricing.ServingCostPerMillion(Book, 1e4);
        Assert.Equal(0.0001 + 100 / 3.6e6 * 0.5, one, 15);
        Assert.Equal(2 * one, RoundPricing.ServingCostPerMillion(Book, 2e4), 15);
    }

    [Fact]
    public void AProductionScale_PricesTheCycleARoundStandsFor()
    {
        // 1e9 simulated training FLOPs x (1000 x 10000) = 1e16 FLOPs at 1e4 GFLOP/s = 1e3 s of cuda at 3.6/h = 1.0;
        // evaluation took a tenth of the round's time, so 100 s more = 0.1; energy 1100 s x 400 W = 0.1222 kWh.
        var book = Book with { Production = new ProductionScale(1000, 10_000, "cuda", 10_000) };
        var cost = RoundPricing.Price(book, "cpu", 2, "cpu", 0.2, forwardFlopsPerSample: 1e4, trainFlops: 1e9);
        Assert.Equal(1.0, cost.TrainingDeviceCost, 12);
        Assert.Equal(0.1, cost.EvaluationDeviceCost, 12);
        Assert.Equal(1100 * 400 / 3.6e6, cost.EnergyKwh, 12);
        // A prediction costs the production model's FLOPs: 1000 times the simulated serving cost.
        Assert.Equal(1000 * RoundPricing.ServingCostPerMillion(Book, 1e4), cost.ServingCostPerMillion, 12);
        // Without the scale, nothing changes: the same facts priced as measured.
        Assert.Equal(RoundPricing.Price(Book, "cpu", 2, "cpu", 0.2, 1e4), RoundPricing.Price(Book, "cpu", 2, "cpu", 0.2, 1e4, trainFlops: 1e9));
    }

    [Fact]
    public void AProductionScale_WithoutTheRoundsFlops_IsRefusedByName()
    {
        var book = Book with { Production = new ProductionScale(1000, 10, "cuda", 1e4) };
        var e = Assert.Throws<ArgumentException>(() => RoundPricing.Price(book, "cpu", 1, "cpu", 1, 1));
        Assert.StartsWith("prices.production:", e.Message);
    }

    [Fact]
    public void UnknownDeviceKind_IsNamed()
    {
        var book = Book with { DeviceHourPrice = new Dictionary<string, double> { ["cpu"] = 1 } };
        var e = Assert.Throws<ArgumentException>(() => RoundPricing.Price(book, "cuda", 1, "cpu", 1, 1));
        Assert.Contains("no price for device kind 'cuda'", e.Message);
    }
}
