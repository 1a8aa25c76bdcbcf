using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Store;

public sealed class PruneSettings : StoreSettings
{
    [CommandOption("--checkpoints <DIR>")]
    [Description("Checkpoint store to prune (default: $WIDTHRETRAIN_CHECKPOINTS, else the embedded runs' folder)")]
    public string? Checkpoints { get; init; }

    [CommandOption("--older-than <DAYS>")]
    [Description("Prune campaigns that finished (completed or failed) at least this many days ago")]
    [DefaultValue(14.0)]
    public double OlderThanDays { get; init; } = 14;

    [CommandOption("--keep-final")]
    [Description("Keep each arm and seed's last checkpoint (the trained model), delete the rest")]
    public bool KeepFinal { get; init; }

    [CommandOption("--include-unknown")]
    [Description("Also prune folders of campaigns this event store does not know (another schema may still use them), by age")]
    public bool IncludeUnknown { get; init; }

    [CommandOption("--dry-run")]
    [Description("Only say what would be deleted")]
    public bool DryRun { get; init; }
}
