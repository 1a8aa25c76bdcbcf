using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;

namespace WidthRetrain.Cli.Report;

public sealed class ReportSettings : AuditSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Campaign id, or an unambiguous prefix of it")]
    public string Id { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Folder for report.md, report.html and the plots (default: report-<id prefix>)")]
    public string? Out { get; init; }
}
