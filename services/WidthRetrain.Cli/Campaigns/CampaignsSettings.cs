using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;

namespace WidthRetrain.Cli.Campaigns;

public sealed class CampaignsSettings : StoreSettings
{
    [CommandOption("--json [FILE]")]
    [Description(JsonOutput.ListHelp)]
    public FlagValue<string>? Json { get; init; }
}
