using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Bench;

/// <summary>Options of `widthretrain bench planner`.</summary>
public sealed class PlannerBenchSettings : StoreSettings
{
    [CommandOption("--tasks <N>")]
    [Description("Tasks per chain of the large campaign (10 widths x 10 seeds x N tasks; the small one has 1 task: 100 rounds)")]
    [DefaultValue(100)]
    public int Tasks { get; init; } = 100;
}
