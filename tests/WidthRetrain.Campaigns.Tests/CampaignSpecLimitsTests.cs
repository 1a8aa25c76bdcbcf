using Microsoft.Extensions.Configuration;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Campaigns.Tests;

/// <summary>The bad specs found in use: each refused naming its field; partial specs completed; estimates against ceilings.</summary>
public class CampaignSpecLimitsTests
{
    private static readonly CampaignSpec Demo = CampaignSpec.Demo();

    private static string ProblemsOf(CampaignSpec spec, CampaignLimits? limits = null) => string.Join("\n", CampaignSpecValidator.Problems(spec, limits));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NaNAndInfinity_AreRefusedEverywhere(double bad)
    {
        CampaignSpec spec = Demo with
        {
            Training = Demo.Training with { LearningRate = bad, Momentum = bad, LearningRateDecayPerTask = bad },
            Prices = Demo.Prices with { EnergyPricePerKwh = bad, ServingGflopsPerSecond = bad },
            Budget = bad,
        };
        string all = ProblemsOf(spec);
        foreach (string field in new[] { "training.learningRate", "training.momentum", "training.learningRateDecayPerTask", "prices.energyPricePerKwh",
                     "prices.servingGflopsPerSecond", "budget" })
            Assert.Contains(field + ":", all);
        string policy = ProblemsOf(Demo with { Widths = [], Policy = new InvestmentPolicy(GrowthFactor: bad, MinimumGain: bad, ReturnThreshold: bad, Confidence: bad, ServingMillionsPerCycle: bad) });
        foreach (string field in new[] { "policy.growthFactor", "policy.minimumGain", "policy.returnThreshold", "policy.confidence", "policy.servingMillionsPerCycle" })
            Assert.Contains(field + ":", policy);
    }

    [Fact]
    public void AnglesThatDisagreeWithTasks_AreRefused()
    {
        string all = ProblemsOf(Demo with { Drift = new DriftSpec("rotation", 5, [0, 45, 90]) });
        Assert.Contains("drift.tasks: 5 does not match the 3 angles given (drift.tasks defaults to 5 when left out); set it to 3", all);
        Assert.Empty(CampaignSpecValidator.Problems(Demo with { Drift = new DriftSpec("rotation", 3, [0, 45, 90]) }));
    }

    [Fact]
    public void APolicyWhoseFirstCandidatePassesTheCap_IsRefusedBeforeStageOne()
    {
        string all = ProblemsOf(Demo with { Widths = [], Policy = new InvestmentPolicy(StartWidth: 32, GrowthFactor: 2, CapWidth: 48) });
        Assert.Contains("policy.capWidth: stage 1 compares startWidth 32 with 64 (x2), which passes the cap 48", all);
    }

    [Fact]
    public void AModelTooBigForATrainer_AndABatchBeyondTheData_AreRefusedNamingTheField()
    {
        string all = ProblemsOf(Demo with { Widths = [65_536], Depth = 8, Training = Demo.Training with { BatchSize = 1_000_000_000 } });
        Assert.Contains("widths: width 65536 at depth 8 has 30,117,330,954 parameters", all);
        Assert.Contains("a trainer allows 8 GiB (Limits:MaxModelMemoryGiB, --max-memory-gib)", all);
        Assert.Contains("training.batchSize: at most 65536 (Limits:MaxBatchSize), got 1000000000", all);
        Assert.Contains("training.batchSize: at most the 100 training samples of dataset.trainLimit, got 500",
            ProblemsOf(Demo with { Dataset = new DatasetSpec("synthetic", 100, 50), Training = Demo.Training with { BatchSize = 500 } }));
    }

    [Fact]
    public void TheEstimate_IsCheckedAgainstConfigurableCeilings()
    {
        CampaignEstimate e = CampaignEstimate.Of(Demo, 40);
        Assert.Equal(90, e.Rounds);
        Assert.Equal(1024, e.LargestWidth);
        Assert.InRange(e.Flops, 5e12, 20e12); // the demo: 20,000 images x 3 epochs x 5 tasks x 3 seeds, widths 32..1024
        Assert.Contains("about", e.Describe());
        Assert.Empty(CampaignSpecValidator.Problems(Demo, new CampaignLimits()));
        Assert.Contains("the limit is 0.01 h (Limits:MaxHours, --max-hours)", ProblemsOf(Demo, new CampaignLimits(MaxHours: 0.01)));
        Assert.Contains("the store allows 0 GiB", ProblemsOf(Demo, new CampaignLimits(MaxCheckpointGiB: 0.0001)));
        CampaignEstimate staged = CampaignEstimate.Of(Demo with { Widths = [], Policy = new InvestmentPolicy(StartWidth: 32, CapWidth: 256, Levers: [new LeverOption("replay", 100)]) }, 40);
        Assert.True(staged.UpperBound);
        Assert.Equal(5 * 5 * 3, staged.Rounds); // widths 32, 64, 128, 256 and one lever: 5 arms x 5 tasks x 3 seeds
        // The first stage always runs (32 against 64): said first, so the upper bound does not read as the expected time.
        Assert.Equal(2 * 5 * 3, staged.FirstStage!.Value.Rounds);
        Assert.Equal(CampaignEstimate.Of(Demo with { Widths = [32, 64] }, 40).Flops, staged.FirstStage.Value.Flops, 6);
        Assert.StartsWith("stage 1: 30 rounds,", staged.Describe());
        Assert.Null(e.FirstStage);
    }

    [Fact]
    public void ARoundsWork_GrowsWithItsWidth_AndTheEstimateIsTheirSum()
    {
        double narrow = CampaignEstimate.RoundFlops(Demo, 32), wide = CampaignEstimate.RoundFlops(Demo, 1024);
        Assert.InRange(wide / narrow, 20, 40); // the parameters grow about 32-fold; the optimizer and evaluation add little
        double sum = Demo.Widths.Sum(w => CampaignEstimate.RoundFlops(Demo, w)) * Demo.Drift.Tasks * Demo.Seeds.Count;
        Assert.Equal(1, CampaignEstimate.Of(Demo, 40).Flops / sum, precision: 9);
    }

    [Fact]
    public void APartialSpec_GetsTheCommandLinesDefaults()
    {
        var partial = new CampaignSpec(null!, null!, null!, null!, 0, null!, null!, null!, null!);
        CampaignSpec complete = CampaignSpecDefaults.Complete(partial);
        Assert.Empty(CampaignSpecValidator.Problems(complete));
        Assert.Equal((Demo.Dataset, Demo.Drift, 1, "relu", Demo.Training, PriceBook.Default), (complete.Dataset, complete.Drift, complete.Depth, complete.Activation, complete.Training, complete.Prices));
        Assert.Equal(Demo.Widths, complete.Widths);
        Assert.Empty(CampaignSpecDefaults.Complete(partial with { Policy = new InvestmentPolicy() }).Widths);
    }

    [Fact]
    public void BrokenCeilingsInTheLimitsSection_AreRefusedAtStart_NamingEachSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Limits:MaxHours"] = "0",
            ["Limits:GflopsPerSecond"] = "-3",
            ["Limits:MaxBatchSize"] = "0",
        }).Build();
        string message = Assert.Throws<ArgumentException>(() => CampaignLimits.From(configuration)).Message;
        Assert.Contains("Limits:MaxHours: must be a positive number, got 0", message);
        Assert.Contains("Limits:GflopsPerSecond: must be a positive number, got -3", message);
        Assert.Contains("Limits:MaxBatchSize: must be at least 1, got 0", message);
        Assert.Equal(new CampaignLimits(MaxHours: 2), CampaignLimits.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Limits:MaxHours"] = "2" }).Build()));
    }
}
