using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Campaigns.Tests;

public class CampaignSpecValidatorTests
{
    [Fact]
    public void TheDemoSpecIsValid() => Assert.Empty(CampaignSpecValidator.Problems(CampaignSpec.Demo()));

    [Fact]
    public void EveryBadFieldIsNamed_WithWhatIsAllowed()
    {
        CampaignSpec demo = CampaignSpec.Demo();
        CampaignSpec bad = demo with
        {
            Name = "",
            Dataset = new DatasetSpec("cifar", -5),
            Drift = new DriftSpec("spiral", 0),
            Widths = [0, 32, 32, 100_000],
            Depth = 0,
            Activation = "swish",
            Training = new TrainingSpec("rmsprop", -1, 0, 0, 1.5, -1, 0),
            Seeds = [],
            Prices = demo.Prices with { EnergyPricePerKwh = -1, ServingDevice = "tpu", ServingGflopsPerSecond = 0 },
            Budget = 0,
        };

        string all = string.Join("\n", CampaignSpecValidator.Problems(bad));

        string[] expected =
        [
            "name: must be 1 to 100 characters",
            "dataset.name: unknown value 'cifar'; allowed: fashion-mnist, mnist, kmnist, idx, synthetic",
            "dataset.trainLimit: must be positive when given, got -5",
            "drift.kind: unknown value 'spiral'; allowed: rotation, permutation, class-split, gradual-shift",
            "drift.tasks: must be at least 1, got 0",
            "widths: 0 is not allowed; each width must be 1 to 65536",
            "widths: 100000 is not allowed",
            "widths: each width may appear once",
            "depth: must be 1 to 8 hidden layers, got 0",
            "activation: unknown value 'swish'; allowed: relu, tanh, gelu",
            "training.optimizer: unknown value 'rmsprop'; allowed: sgd, momentum, adam",
            "training.learningRate: must be a positive number, got -1",
            "training.batchSize: must be at least 1, got 0",
            "training.epochsPerTask: must be at least 1, got 0",
            "training.momentum: must be in [0, 1), got 1.5",
            "training.replayPerTask: must be 0 or more, got -1",
            "training.learningRateDecayPerTask: must be in (0, 1], got 0",
            "seeds: give 1 to 32 seeds",
            "prices.energyPricePerKwh: must be 0 or more, got -1",
            "prices.servingDevice: 'tpu' has no entry in prices.deviceHourPrice",
            "prices.servingGflopsPerSecond: must be positive, got 0",
            "budget: must be a positive number when given, got 0",
        ];
        Assert.All(expected, e => Assert.Contains(e, all));
    }

    [Fact]
    public void MissingParts_AreReportedNotThrown()
    {
        var spec = CampaignSpec.Demo() with { Dataset = null!, Drift = null!, Training = null!, Prices = null!, Widths = null!, Seeds = null! };
        var problems = CampaignSpecValidator.Problems(spec);
        Assert.Contains("dataset: missing", problems);
        Assert.Contains("drift: missing", problems);
        Assert.Contains("training: missing", problems);
        Assert.Contains("prices: missing", problems);
        Assert.Contains("widths: give 1 to 16 widths", problems);
        Assert.Equal(["spec: missing"], CampaignSpecValidator.Problems(null));
    }

    [Fact]
    public void Mapping_ParsesNamesCaseInsensitively_AndRefusesNumbers()
    {
        var settings = ContractMapping.ToTrainingSettings(new TrainingSpec("Adam", 0.001));
        Assert.Equal(Learning.Training.OptimizerKind.Adam, settings.Optimizer);
        Assert.Throws<ArgumentException>(() => ContractMapping.ToTrainingSettings(new TrainingSpec("1", 0.001)));
    }

    [Fact]
    public void DriftParameters_AreCheckedByTheirScenario_AndNamedByTheirPlaceInTheSpec()
    {
        CampaignSpec demo = CampaignSpec.Demo();
        Assert.Empty(CampaignSpecValidator.Problems(demo with
        {
            Drift = new DriftSpec("gradual-shift", 3, Parameters: new Dictionary<string, string> { ["target-domain"] = "rotate-90" }),
        }));

        string all = string.Join("\n", CampaignSpecValidator.Problems(demo with
        {
            Drift = new DriftSpec("gradual-shift", 3, Parameters: new Dictionary<string, string> { ["target-domain"] = "sepia", ["angles"] = "0,1,2" }),
        }));
        Assert.Contains("drift.parameters.target-domain: unknown value 'sepia'; allowed: invert, rotate-90", all);
        Assert.Contains("drift.parameters.angles: only the rotation scenario takes angles, not gradual-shift", all);
    }

    [Fact]
    public void ADriftSpecRecordedBeforeParameters_StillReads_AndMeansTheSame()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        DriftSpec old = System.Text.Json.JsonSerializer.Deserialize<DriftSpec>("""{"kind":"gradual-shift","tasks":3,"angles":null,"targetDomain":"rotate-90"}""", options)!;

        Assert.Null(old.Parameters);
        Assert.Empty(CampaignSpecValidator.Problems(CampaignSpec.Demo() with { Drift = old }));
        Assert.Equal("rotate-90", Learning.Drift.DriftScenarios.Normalised(ContractMapping.ToScenarioSpec(old)).Parameters!["target-domain"]);
    }
}

