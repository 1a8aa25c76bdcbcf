using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Scenarios;

public sealed class ScenariosSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the list as JSON (kind, help, parameters with name, help, default and allowed values)")]
    public bool Json { get; init; }
}
