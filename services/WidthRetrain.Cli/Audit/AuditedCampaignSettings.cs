using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Audit;

/// <summary>Options of the commands that audit one campaign (replay, report): its id, the checkpoints, a kept head hash.</summary>
public class AuditedCampaignSettings : AuditSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Campaign id, or an unambiguous prefix of it")]
    public string Id { get; init; } = "";
}
