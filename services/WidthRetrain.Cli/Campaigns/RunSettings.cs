using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console.Cli;
using WidthRetrain.Campaigns;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Options of `widthretrain run`: a campaign from a spec file, or from options (the demo campaign's values by default).</summary>
public sealed class RunSettings : ExecutionSettings
{
    [CommandOption("--spec <FILE>")]
    [Description("Campaign spec as JSON (see docs/campaign-spec.md); fields left out take the defaults below; options override its fields")]
    public string? SpecFile { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Name shown in lists and reports")]
    public string? Name { get; init; }

    [CommandOption("--dataset <NAME>")]
    [Description("fashion-mnist, mnist, kmnist, idx or synthetic")]
    public string? Dataset { get; init; }

    [CommandOption("--train-limit <N>")]
    [Description("Seeded random subset of the training images")]
    public int? TrainLimit { get; init; }

    [CommandOption("--test-limit <N>")]
    [Description("Seeded random subset of the test images")]
    public int? TestLimit { get; init; }

    [CommandOption("--scenario <KIND>")]
    [Description(ScenarioOptions.ScenarioHelp)]
    public string? Scenario { get; init; }

    [CommandOption("--tasks <N>")]
    [Description(ScenarioOptions.TasksHelp)]
    public int? Tasks { get; init; }

    [CommandOption("--angles <LIST>")]
    [Description(ScenarioOptions.AnglesHelp)]
    public string? Angles { get; init; }

    [CommandOption("--target-domain <NAME>")]
    [Description(ScenarioOptions.TargetDomainHelp)]
    public string? TargetDomain { get; init; }

    [CommandOption("--drift-param <NAME=VALUE>")]
    [Description(ScenarioOptions.DriftParamHelp)]
    public string[]? DriftParams { get; init; }

    [CommandOption("--widths <LIST>")]
    [Description("Hidden widths of a fixed-width campaign, e.g. 32,64,128")]
    public string? Widths { get; init; }

    [CommandOption("--depth <N>")]
    [Description("Hidden layers (1 to 8)")]
    public int? Depth { get; init; }

    [CommandOption("--activation <NAME>")]
    [Description("relu, tanh or gelu")]
    public string? Activation { get; init; }

    [CommandOption("--seeds <LIST>")]
    [Description("One run per seed, e.g. 1,2,3")]
    public string? Seeds { get; init; }

    [CommandOption("--optimizer <NAME>")]
    [Description("sgd, momentum or adam")]
    public string? Optimizer { get; init; }

    [CommandOption("--lr <RATE>")]
    [Description("Learning rate")]
    public double? LearningRate { get; init; }

    [CommandOption("--momentum <M>")]
    [Description("Momentum of the momentum optimizer, in [[0, 1)")]
    public double? Momentum { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Batch size")]
    public int? Batch { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Epochs per task")]
    public int? Epochs { get; init; }

    [CommandOption("--replay <K>")]
    [Description("Experience replay: samples kept per finished task")]
    public int? Replay { get; init; }

    [CommandOption("--lr-decay <FACTOR>")]
    [Description("Task t trains at lr * factor^t, factor in (0, 1]]")]
    public double? LearningRateDecay { get; init; }

    [CommandOption("--budget <MONEY>")]
    [Description("Most the campaign may spend, in the price book's currency")]
    public double? Budget { get; init; }

    [CommandOption("--prices <FILE>")]
    [Description("Price book (JSON, see docs/campaign-spec.md), e.g. examples/prices/production.json for production-scale costs; replaces the spec's prices")]
    public string? PricesFile { get; init; }

    [CommandOption("--policy <FILE>")]
    [Description("Run a staged investment under this policy (JSON, see docs/investment.md) instead of a fixed list of widths")]
    public string? PolicyFile { get; init; }

    [CommandOption("--staged")]
    [Description("Run a staged investment under the default policy (start 32, x2 per stage, cap 4096)")]
    public bool Staged { get; init; }

    [CommandOption("--max-hours <H>")]
    [Description("Refuse a campaign expected to train longer than this (default 72, or Limits:MaxHours)")]
    public double? MaxHours { get; init; }

    [CommandOption("--max-memory-gib <GIB>")]
    [Description("Refuse a model that needs more memory than this to train (default 8, or Limits:MaxModelMemoryGiB)")]
    public double? MaxMemoryGiB { get; init; }

    [CommandOption("--max-checkpoint-gib <GIB>")]
    [Description("Refuse a campaign whose checkpoints take more than this (default 100, or Limits:MaxCheckpointGiB)")]
    public double? MaxCheckpointGiB { get; init; }

    /// <summary>Reading a spec: unknown fields (typos) and NaN or Infinity are errors that name the field.</summary>
    private static readonly JsonSerializerOptions StrictJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public CampaignLimits Limits(CampaignLimits configured) => configured with
    {
        MaxHours = MaxHours ?? configured.MaxHours,
        MaxModelMemoryGiB = MaxMemoryGiB ?? configured.MaxModelMemoryGiB,
        MaxCheckpointGiB = MaxCheckpointGiB ?? configured.MaxCheckpointGiB,
    };

    public CampaignSpec ToSpec()
    {
        CampaignSpec spec = CampaignSpecDefaults.Complete(SpecFile is null ? CampaignSpec.Demo() : ReadJson<CampaignSpec>("--spec", SpecFile));
        spec = spec with
        {
            Name = Name ?? spec.Name,
            Dataset = spec.Dataset with
            {
                Name = Dataset ?? spec.Dataset.Name,
                TrainLimit = TrainLimit ?? spec.Dataset.TrainLimit,
                TestLimit = TestLimit ?? spec.Dataset.TestLimit,
            },
            Drift = new ScenarioOptions(Scenario, Tasks, Angles, TargetDomain, DriftParams).Over(spec.Drift),
            Widths = Widths is null ? spec.Widths : ListOption.Ints("--widths", Widths),
            Depth = Depth ?? spec.Depth,
            Activation = Activation ?? spec.Activation,
            Seeds = Seeds is null ? spec.Seeds : ListOption.Longs("--seeds", Seeds),
            Training = spec.Training with
            {
                Optimizer = Optimizer ?? spec.Training.Optimizer,
                LearningRate = LearningRate ?? spec.Training.LearningRate,
                Momentum = Momentum ?? spec.Training.Momentum,
                BatchSize = Batch ?? spec.Training.BatchSize,
                EpochsPerTask = Epochs ?? spec.Training.EpochsPerTask,
                ReplayPerTask = Replay ?? spec.Training.ReplayPerTask,
                LearningRateDecayPerTask = LearningRateDecay ?? spec.Training.LearningRateDecayPerTask,
            },
            Budget = Budget ?? spec.Budget,
            Prices = PricesFile is null ? spec.Prices : ReadJson<PriceBook>("--prices", PricesFile),
        };
        if (PolicyFile is null && !Staged) return spec;
        // A staged investment: the policy chooses the widths, so the demo's list is dropped unless given explicitly.
        InvestmentPolicy policy = PolicyFile is null ? spec.Policy ?? new InvestmentPolicy() : ReadJson<InvestmentPolicy>("--policy", PolicyFile);
        return spec with { Policy = policy, Widths = Widths is null ? [] : spec.Widths };
    }

    public static T ReadJson<T>(string option, string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{option}: file {path} not found");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), StrictJson)
                ?? throw new ArgumentException($"{option}: {path} is empty");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{option}: {path} is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}
