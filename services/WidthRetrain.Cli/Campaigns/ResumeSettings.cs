using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

public sealed class ResumeSettings : ExecutionSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Campaign id, or an unambiguous prefix of it")]
    public string Id { get; init; } = "";
}
