using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Options of the commands that run a campaign (run, resume): where it runs, and what to write at the end.</summary>
public class ExecutionSettings : StoreSettings
{
    [CommandOption("--rabbitmq <URL>")]
    [Description("Send the campaign to a deployed suite on this broker instead of running every service in this process (better: $WIDTHRETRAIN_RABBITMQ, which keeps the password off the command line)")]
    public string? RabbitMqOption { get; init; }

    [CommandOption("--embedded")]
    [Description("Run every service in this process even when $WIDTHRETRAIN_RABBITMQ is set")]
    public bool Embedded { get; init; }

    /// <summary>The deployed suite's broker, or null to run embedded.</summary>
    public string? RabbitMq => Embedded ? null : RabbitMqOption ?? Environment.GetEnvironmentVariable("WIDTHRETRAIN_RABBITMQ");

    [CommandOption("--checkpoints <DIR>")]
    [Description("Embedded mode: where checkpoints go")]
    public string? Checkpoints { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Embedded mode: folder with the IDX files")]
    public string? DataDir { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Embedded mode: libtorch threads (default: all cores)")]
    public int? Threads { get; init; }

    [CommandOption("--timeout <MINUTES>")]
    [Description("Stop waiting after this long (the campaign goes on in a deployed suite)")]
    [DefaultValue(120.0)]
    public double TimeoutMinutes { get; init; } = 120;

    [CommandOption("--plot <FILE>")]
    [Description("Write a PNG of forgetting and accuracy against width")]
    public string? Plot { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Write the campaign's summary and evidence as JSON")]
    public string? Json { get; init; }
}
