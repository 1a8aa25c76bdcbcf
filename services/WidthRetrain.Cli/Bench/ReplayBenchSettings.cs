using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Bench;

/// <summary>Options of `widthretrain bench replay`.</summary>
public sealed class ReplayBenchSettings : StoreSettings
{
    [CommandOption("--seeds <N>")]
    [Description("Seeds per arm of the generated campaign")]
    [DefaultValue(20)]
    public int Seeds { get; init; } = 20;

    [CommandOption("--tasks <N>")]
    [Description("Tasks per seed (rounds per arm and seed)")]
    [DefaultValue(20)]
    public int Tasks { get; init; } = 20;

    [CommandOption("--stages <N>")]
    [Description("Stages (widths 32 x 1.25^k); with the defaults 24 stages make 10,000 rounds")]
    [DefaultValue(24)]
    public int Stages { get; init; } = 24;
}
