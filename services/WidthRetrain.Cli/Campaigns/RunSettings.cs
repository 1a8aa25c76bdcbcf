using System.ComponentModel;
using System.Text.Json;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Options of `widthretrain run`: a campaign from a spec file, or from options (the demo campaign's values by default).</summary>
public sealed class RunSettings : ExecutionSettings
{
    [CommandOption("--spec <FILE>")]
    [Description("Campaign spec as JSON (see docs/campaign-spec.md); options below override its fields")]
    public string? SpecFile { get; init; }

    [CommandOption("--name <NAME>")]
    public string? Name { get; init; }

    [CommandOption("--dataset <NAME>")]
    [Description("fashion-mnist, mnist, kmnist, idx or synthetic")]
    public string? Dataset { get; init; }

    [CommandOption("--train-limit <N>")]
    public int? TrainLimit { get; init; }

    [CommandOption("--test-limit <N>")]
    public int? TestLimit { get; init; }

    [CommandOption("--scenario <KIND>")]
    [Description("rotation, permutation, class-split or gradual-shift")]
    public string? Scenario { get; init; }

    [CommandOption("--tasks <N>")]
    public int? Tasks { get; init; }

    [CommandOption("--widths <LIST>")]
    public string? Widths { get; init; }

    [CommandOption("--depth <N>")]
    public int? Depth { get; init; }

    [CommandOption("--seeds <LIST>")]
    public string? Seeds { get; init; }

    [CommandOption("--optimizer <NAME>")]
    public string? Optimizer { get; init; }

    [CommandOption("--lr <RATE>")]
    public double? LearningRate { get; init; }

    [CommandOption("--batch <N>")]
    public int? Batch { get; init; }

    [CommandOption("--epochs <N>")]
    public int? Epochs { get; init; }

    [CommandOption("--replay <K>")]
    public int? Replay { get; init; }

    [CommandOption("--budget <MONEY>")]
    public double? Budget { get; init; }

    [CommandOption("--policy <FILE>")]
    [Description("Run a staged investment under this policy (JSON, see docs/investment.md) instead of a fixed list of widths")]
    public string? PolicyFile { get; init; }

    [CommandOption("--staged")]
    [Description("Run a staged investment under the default policy (start 32, x2 per stage, cap 4096)")]
    public bool Staged { get; init; }

    public CampaignSpec ToSpec()
    {
        CampaignSpec spec = SpecFile is null ? CampaignSpec.Demo() : ReadJson<CampaignSpec>("--spec", SpecFile);
        spec = spec with
        {
            Name = Name ?? spec.Name,
            Dataset = spec.Dataset with
            {
                Name = Dataset ?? spec.Dataset.Name,
                TrainLimit = TrainLimit ?? spec.Dataset.TrainLimit,
                TestLimit = TestLimit ?? spec.Dataset.TestLimit,
            },
            Drift = spec.Drift with { Kind = Scenario ?? spec.Drift.Kind, Tasks = Tasks ?? spec.Drift.Tasks },
            Widths = Widths is null ? spec.Widths : ListOption.Ints("--widths", Widths),
            Depth = Depth ?? spec.Depth,
            Seeds = Seeds is null ? spec.Seeds : ListOption.Longs("--seeds", Seeds),
            Training = spec.Training with
            {
                Optimizer = Optimizer ?? spec.Training.Optimizer,
                LearningRate = LearningRate ?? spec.Training.LearningRate,
                BatchSize = Batch ?? spec.Training.BatchSize,
                EpochsPerTask = Epochs ?? spec.Training.EpochsPerTask,
                ReplayPerTask = Replay ?? spec.Training.ReplayPerTask,
            },
            Budget = Budget ?? spec.Budget,
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
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Shared.Json.Options)
                ?? throw new ArgumentException($"{option}: {path} is empty");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{option}: {path} is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}
