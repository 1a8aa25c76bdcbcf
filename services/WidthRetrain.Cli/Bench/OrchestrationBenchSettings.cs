using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Bench;

/// <summary>Options of `widthretrain bench orchestration`.</summary>
public sealed class OrchestrationBenchSettings : StoreSettings
{
    [CommandOption("--rabbitmq <URL>")]
    [Description("Run every service in this process but through this RabbitMQ broker (default: the in-memory transport)")]
    public string? RabbitMq { get; init; }

    [CommandOption("--tiny-chains <N>")]
    [Description("Arm x seed chains of the tiny campaign (5 tasks each, a few milliseconds of training per round)")]
    [DefaultValue(8)]
    public int TinyChains { get; init; } = 8;

    [CommandOption("--paper")]
    [Description("Also run one paper-size chain: full Fashion-MNIST, 5 rotated tasks x 5 epochs, width 256 (about 2 minutes)")]
    public bool Paper { get; init; }

    [CommandOption("--trace")]
    [Description("Also print where the tiny campaign's time went: message consumers, sends and database commands (counts and total milliseconds)")]
    public bool Trace { get; init; }
}
