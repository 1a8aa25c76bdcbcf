using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Protocol;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Cli.Sweep;

/// <summary>Options of `widthretrain sweep`; defaults are the paper's protocol on Fashion-MNIST.</summary>
public sealed class SweepSettings : CommandSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("fashion-mnist, mnist, kmnist, idx (any IDX set in --data-dir) or synthetic")]
    [DefaultValue(DatasetLoader.FashionMnist)]
    public string Dataset { get; init; } = DatasetLoader.FashionMnist;

    [CommandOption("--data-dir <DIR>")]
    [Description("Folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte[[.gz]]; default $WIDTHRETRAIN_DATA_DIR, then /usr/share/datasets/<dataset>")]
    public string? DataDir { get; init; }

    [CommandOption("--scenario <KIND>")]
    [Description(ScenarioOptions.ScenarioHelp)]
    [DefaultValue(DriftScenarios.Rotation)]
    public string Scenario { get; init; } = DriftScenarios.Rotation;

    [CommandOption("--tasks <N>")]
    [Description(ScenarioOptions.TasksHelp + " (default 5)")]
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
    [Description("Hidden widths to compare")]
    [DefaultValue("32,64,128,256,512,1024,2048,4096")]
    public string Widths { get; init; } = "32,64,128,256,512,1024,2048,4096";

    [CommandOption("--depths <LIST>")]
    [Description("Numbers of hidden layers")]
    [DefaultValue("1")]
    public string Depths { get; init; } = "1";

    [CommandOption("--seeds <LIST>")]
    [Description("One run per seed; the seed fixes data subset, order, initialisation and results")]
    [DefaultValue("42")]
    public string Seeds { get; init; } = "42";

    [CommandOption("--activation <NAME>")]
    [Description("relu, tanh or gelu")]
    [DefaultValue("relu")]
    public string Activation { get; init; } = "relu";

    [CommandOption("--optimizer <NAME>")]
    [Description("sgd (the paper's), momentum or adam")]
    [DefaultValue("sgd")]
    public string Optimizer { get; init; } = "sgd";

    [CommandOption("--lr <RATE>")]
    [Description("Learning rate")]
    [DefaultValue(0.01)]
    public double LearningRate { get; init; } = 0.01;

    [CommandOption("--momentum <M>")]
    [Description("Momentum of the momentum optimizer")]
    [DefaultValue(0.9)]
    public double Momentum { get; init; } = 0.9;

    [CommandOption("--batch <N>")]
    [Description("Batch size")]
    [DefaultValue(32)]
    public int Batch { get; init; } = 32;

    [CommandOption("--epochs <N>")]
    [Description("Epochs per task")]
    [DefaultValue(5)]
    public int Epochs { get; init; } = 5;

    [CommandOption("--replay <K>")]
    [Description("Experience replay: samples kept per finished task, mixed into every later batch (0 = off)")]
    [DefaultValue(0)]
    public int Replay { get; init; }

    [CommandOption("--lr-decay <FACTOR>")]
    [Description("Task t trains at lr * factor^t (1 = constant)")]
    [DefaultValue(1.0)]
    public double LearningRateDecay { get; init; } = 1.0;

    [CommandOption("--train-limit <N>")]
    [Description("Use a seeded random subset of at most N training samples (quick runs)")]
    public int? TrainLimit { get; init; }

    [CommandOption("--test-limit <N>")]
    [Description("Use at most N test samples per task")]
    public int? TestLimit { get; init; }

    [CommandOption("--threads <N>")]
    [Description("libtorch threads (default: 1 for models up to 150,000 parameters, all cores above); results depend on it in the last bits")]
    public int? Threads { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Write the full result (every accuracy matrix, settings, timings, fits) as JSON")]
    public string? Json { get; init; }

    [CommandOption("--plot <FILE>")]
    [Description("Write a PNG of forgetting and accuracy against width (log2 axis)")]
    public string? Plot { get; init; }

    /// <summary>The sweep these options describe; throws <see cref="ArgumentException"/> naming every bad option.</summary>
    public SweepSpec ToSpec()
    {
        ScenarioSpec scenario = new ScenarioOptions(Scenario, Tasks, Angles, TargetDomain, DriftParams).ToScenarioSpec(DriftScenarios.Rotation, defaultTasks: 5);
        var training = new TrainingSettings(ListOption.Enum<OptimizerKind>("--optimizer", Optimizer), LearningRate, Batch, Epochs, Momentum,
            Replay, LearningRateDecay);
        var dataset = new DatasetRequest(Dataset, DataDir, TrainLimit, TestLimit);
        return new SweepSpec(dataset, scenario, ListOption.Ints("--widths", Widths), ListOption.Ints("--depths", Depths),
            ListOption.Longs("--seeds", Seeds), training, ListOption.Enum<Activation>("--activation", Activation)).Validated();
    }
}
