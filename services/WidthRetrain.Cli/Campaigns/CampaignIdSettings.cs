using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Options of the commands that read one campaign: its id (or a prefix) and where the event store is.</summary>
public class CampaignIdSettings : StoreSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Campaign id, or an unambiguous prefix of it")]
    public string Id { get; init; } = "";
}
