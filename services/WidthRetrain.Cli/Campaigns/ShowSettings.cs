using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

public sealed class ShowSettings : StoreSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Campaign id, or an unambiguous prefix of it")]
    public string Id { get; init; } = "";

    [CommandOption("--rounds")]
    [Description("Also list every round")]
    public bool Rounds { get; init; }

    [CommandOption("--json <FILE>")]
    public string? Json { get; init; }
}
