using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Shared;

namespace WidthRetrain.Cli.Report;

public sealed class ReportSettings : AuditedCampaignSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for report.md, report.html and the plots (default: report-<id prefix>)")]
    public string? Out { get; init; }

    [CommandOption("--json [FILE]")]
    [Description(JsonOutput.Help + "; holds where the report went, the verification and what the report says (arms, decisions, fits)")]
    public FlagValue<string>? Json { get; init; }
}
