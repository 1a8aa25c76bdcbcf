using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Cli.Bench;

/// <summary>Options of `widthretrain bench scale-out`: the broker, the number of trainers, and the campaign both runs train.</summary>
public sealed class ScaleOutBenchSettings : StoreSettings
{
    [CommandOption("--rabbitmq <URL>")]
    [Description("One broker user for every service and the client (it needs rights on every queue of the suite); default: each service's own user from infra/local ($WIDTHRETRAIN_RABBITMQ_PLANNER, ..._TRAINER, ...)")]
    public string? RabbitMq { get; init; }

    [CommandOption("--trainers <N>")]
    [Description("Trainer processes of the second run (the first has one); each trains on one libtorch thread")]
    [DefaultValue(2)]
    public int Trainers { get; init; } = 2;

    [CommandOption("--dataset <NAME>")]
    [Description("Dataset of the campaign (synthetic needs no files)")]
    [DefaultValue("synthetic")]
    public string Dataset { get; init; } = "synthetic";

    [CommandOption("--train-samples <N>")]
    [Description("Training images per task")]
    [DefaultValue(8192)]
    public int TrainSamples { get; init; } = 8192;

    [CommandOption("--test-samples <N>")]
    [Description("Test images per task (the evaluator's work: keep it small against training)")]
    [DefaultValue(500)]
    public int TestSamples { get; init; } = 500;

    [CommandOption("--tasks <N>")]
    [Description("Rotated tasks: rounds per arm and seed, trained in sequence")]
    [DefaultValue(4)]
    public int Tasks { get; init; } = 4;

    [CommandOption("--width <N>")]
    [Description("Hidden width of the one arm")]
    [DefaultValue(512)]
    public int Width { get; init; } = 512;

    [CommandOption("--seeds <N>")]
    [Description("Seeds: independent chains of rounds, at least one per trainer; twice as many keep every trainer busy while the rounds just trained are evaluated and recorded")]
    [DefaultValue(8)]
    public int Seeds { get; init; } = 8;

    [CommandOption("--epochs <N>")]
    [Description("Epochs per task")]
    [DefaultValue(3)]
    public int Epochs { get; init; } = 3;

    [CommandOption("--group-rounds <N>")]
    [Description("Rounds each trainer takes from the broker at once (Compute:GroupRounds; default: the trainers' own setting, 8); rounds held by a busy trainer wait for it, and models of more than 300,000 parameters train alone")]
    public int? GroupRounds { get; init; }

    [CommandOption("--timeout <MINUTES>")]
    [Description("Give up on a run (start-up or campaign) after this long: the services are stopped and the error says where their logs are")]
    [DefaultValue(15.0)]
    public double TimeoutMinutes { get; init; } = 15;

    /// <summary>The campaign both runs train: one arm, so every round is the same work, and several seeds, so rounds can run in parallel.</summary>
    public CampaignSpec Campaign(string name) => new(name, new DatasetSpec(Dataset, TrainSamples, TestSamples), new DriftSpec("rotation", Tasks),
        [Width], 1, "relu", new TrainingSpec(EpochsPerTask: Epochs), [.. Enumerable.Range(1, Seeds).Select(s => (long)s)], PriceBook.Default);

    /// <summary>Refuses, on one line, what cannot measure scale-out; nothing is started before this passes.</summary>
    public void Check()
    {
        if (Trainers is < 2 or > 16) throw new ArgumentException($"--trainers: 2 to 16 (the second run's trainers; the first has one), got {Trainers}");
        if (Seeds < Trainers) throw new ArgumentException($"--seeds: at least --trainers ({Trainers}) chains of rounds, else a trainer has nothing to do; got {Seeds}");
        if (Tasks is < 1 or > 50) throw new ArgumentException($"--tasks: 1 to 50, got {Tasks}");
        if (Width is < 1 or > 65_536) throw new ArgumentException($"--width: 1 to 65536, got {Width}");
        if (Epochs is < 1 or > 100) throw new ArgumentException($"--epochs: 1 to 100, got {Epochs}");
        if (TrainSamples < 1 || TestSamples < 1) throw new ArgumentException($"--train-samples and --test-samples: at least 1, got {TrainSamples} and {TestSamples}");
        if (GroupRounds is < 1 or > 64) throw new ArgumentException($"--group-rounds: 1 to 64 rounds, got {GroupRounds}");
        if (TimeoutMinutes is <= 0 or > 24 * 60) throw new ArgumentException($"--timeout: more than 0 and at most 1440 minutes, got {TimeoutMinutes}");
    }
}
