using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;

namespace WidthRetrain.Cli.Campaigns;

public sealed class ShowSettings : CampaignIdSettings
{
    [CommandOption("--rounds")]
    [Description("Also list every round")]
    public bool Rounds { get; init; }

    [CommandOption("--wide")]
    [Description("Every column of the tables, one line per row even past the terminal width (by default the columns that do not fit are left out and named under the table)")]
    public bool Wide { get; init; }

    [CommandOption("--json [FILE]")]
    [Description(JsonOutput.Help)]
    public FlagValue<string>? Json { get; init; }
}
