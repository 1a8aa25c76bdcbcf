using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Audit;

public sealed class VerifySettings : AuditSettings
{
    [CommandArgument(0, "[ID]")]
    [Description("Campaign id or an unambiguous prefix; every campaign in the store when left out")]
    public string? Id { get; init; }
}
