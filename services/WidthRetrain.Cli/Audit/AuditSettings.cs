using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Shared;

namespace WidthRetrain.Cli.Audit;

/// <summary>Where the checkpoint files are (to check their hashes) and an optional head hash kept outside the database.</summary>
public class AuditSettings : StoreSettings
{
    [CommandOption("--checkpoints <DIR>")]
    [Description("Checkpoint store whose files are checked against their recorded SHA-256 where present (default: $WIDTHRETRAIN_CHECKPOINTS, else the embedded runs' folder)")]
    public string? Checkpoints { get; init; }

    [CommandOption("--head <HASH>")]
    [Description("A head hash kept outside the database earlier (report and verify print it): it must still be in the campaign's chain")]
    public string? Head { get; init; }

    public string CheckpointRoot => CheckpointLocation.Resolve(Checkpoints);
}
