using System.Text.Json;
using System.Text.Json.Serialization;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Costs;

namespace WidthRetrain.Campaigns.Tests;

/// <summary>The production price book and the demo policy in examples/, and the rules for a production scale.</summary>
public class ProductionPricesTests
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static T Example<T>(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "examples"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(dir!.FullName, "examples", relative)), Strict)!;
    }

    [Fact]
    public void TheExamples_AreValid_AndTheDemoPolicyReturnsInPointsPerThousand()
    {
        PriceBook prices = Example<PriceBook>("prices/production.json");
        InvestmentPolicy policy = Example<InvestmentPolicy>("policies/demo.json");
        var spec = CampaignSpec.Demo() with { Widths = [], Prices = prices, Policy = policy };
        Assert.Empty(CampaignSpecValidator.Problems(spec));
        Assert.Equal((32, 4.0, 2048), (policy.StartWidth, policy.GrowthFactor, policy.CapWidth));
        Assert.Equal(2, policy.Version); // pilots the levers when width does not pay
        Assert.Equal(InvestmentPolicy.PointsPerThousand, policy.ReturnUnit);
        Assert.Equal([LeverOption.Replay, LeverOption.LearningRateDecay], policy.Levers!.Select(l => l.Kind));
        Assert.NotNull(prices.Production?.Assumes);
    }

    [Fact]
    public void AProductionCycle_CostsTensToThousandsOfDollars()
    {
        // A simulated round of 60,000 samples (the book's assumption: the demo's), width 32 and width 2048 of a 784-input, 10-class MLP:
        // training FLOPs ≈ 3 × forward FLOPs per sample × samples.
        PriceBook prices = Example<PriceBook>("prices/production.json");
        static double Forward(int w) => 2.0 * 784 * w + w + 2.0 * w * 10 + 10;
        double Cycle(int w) => RoundPricing.Price(prices, "cpu", 1.0, "cpu", 0.1, Forward(w), trainFlops: 3 * Forward(w) * 60_000).Total;
        Assert.InRange(Cycle(32), 10, 100);
        Assert.InRange(Cycle(2048), 1_000, 10_000);
    }

    [Fact]
    public void ABadProductionScale_IsNamedFieldByField()
    {
        PriceBook prices = PriceBook.Default with { Production = new ProductionScale(0, -1, "tpu", 0) };
        string all = string.Join("\n", CampaignSpecValidator.PriceBookProblems(prices));
        Assert.Contains("prices.production.modelScale: must be positive", all);
        Assert.Contains("prices.production.sampleScale: must be positive", all);
        Assert.Contains("prices.production.device: must be cpu or cuda, got 'tpu'", all);
        Assert.Contains("prices.production.gflopsPerSecond: must be positive, got 0", all);
        var noPrice = PriceBook.Default with
        {
            DeviceHourPrice = new Dictionary<string, double> { ["cpu"] = 0.1 },
            Production = new ProductionScale(10, 10, "cuda", 1000),
        };
        Assert.Equal(["prices.production.device: 'cuda' has no entry in prices.deviceHourPrice"], CampaignSpecValidator.PriceBookProblems(noPrice));
    }

    [Fact]
    public void AnUnknownReturnUnit_IsNamed()
    {
        var spec = CampaignSpec.Demo() with { Widths = [], Policy = new InvestmentPolicy(ReturnUnit: "dollars") };
        Assert.Contains(CampaignSpecValidator.Problems(spec), p => p.StartsWith("policy.returnUnit: unknown unit 'dollars'; allowed: points-per-1000", StringComparison.Ordinal));
    }
}
