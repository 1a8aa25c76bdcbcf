using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Shared;

namespace WidthRetrain.Cli.Replay;

public sealed class ReplaySettings : AuditedCampaignSettings
{
    [CommandOption("--policy <FILE>")]
    [Description("Counterfactual: decide again under this policy (JSON); nothing is trained")]
    public string? PolicyFile { get; init; }

    [CommandOption("--prices <FILE>")]
    [Description("Counterfactual: re-price every recorded round with this price book (JSON) first")]
    public string? PricesFile { get; init; }

    [CommandOption("--json [FILE]")]
    [Description(JsonOutput.Help + "; holds the verification, each decision against its re-derivation, and the counterfactual when asked")]
    public FlagValue<string>? Json { get; init; }
}
