using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Store;

public sealed class MigrateSettings : StoreSettings
{
    [CommandOption("--app-role <ROLE>")]
    [Description("The services' role to grant read and append rights (default: the user of $WIDTHRETRAIN_POSTGRES)")]
    public string? AppRole { get; init; }
}
