using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

public sealed class ShowSettings : CampaignIdSettings
{
    [CommandOption("--rounds")]
    [Description("Also list every round")]
    public bool Rounds { get; init; }

    [CommandOption("--json <FILE>")]
    public string? Json { get; init; }
}
