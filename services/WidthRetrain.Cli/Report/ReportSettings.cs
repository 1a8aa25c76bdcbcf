using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;

namespace WidthRetrain.Cli.Report;

public sealed class ReportSettings : AuditedCampaignSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for report.md, report.html and the plots (default: report-<id prefix>)")]
    public string? Out { get; init; }
}
