using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Report;

public sealed class ReportSettings : CampaignIdSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for report.md, report.html and the plots (default: report-<id prefix>)")]
    public string? Out { get; init; }
}
