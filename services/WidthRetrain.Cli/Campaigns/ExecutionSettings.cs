using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Options of the commands that run a campaign (run, resume): where it runs, and what to write at the end.</summary>
public class ExecutionSettings : StoreSettings
{
    [CommandOption("--rabbitmq <URL>")]
    [Description("Send the campaign to a deployed suite on this broker instead of running every service in this process")]
    public string? RabbitMqOption { get; init; }

    [CommandOption("--deployed")]
    [Description("Send the campaign to the deployed suite whose broker URL is in $WIDTHRETRAIN_RABBITMQ (or the local credentials file): the password stays off the command line")]
    public bool Deployed { get; init; }

    /// <summary>The deployed suite's broker, or null to run embedded (the default).</summary>
    public string? RabbitMq => RabbitMqOption ?? (Deployed
        ? WidthRetrain.Hosting.LocalCredentials.Get("WIDTHRETRAIN_RABBITMQ") ?? throw new ArgumentException("--deployed: $WIDTHRETRAIN_RABBITMQ is not set (infra/local/start-rabbitmq.sh writes it)")
        : null);

    [CommandOption("--checkpoints <DIR>")]
    [Description("Embedded mode: where checkpoints go (default: $WIDTHRETRAIN_CHECKPOINTS, else a folder under the temp directory)")]
    public string? Checkpoints { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("Embedded mode: folder with the IDX files")]
    public string? DataDir { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Embedded mode: libtorch threads (default: 1 for models up to 150,000 parameters, all cores above)")]
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
