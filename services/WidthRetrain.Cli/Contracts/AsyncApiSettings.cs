using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Contracts;

public sealed class AsyncApiSettings : CommandSettings
{
    [CommandOption("--out <FILE>")]
    [Description("Write the document here (default: standard output); docs/asyncapi.json is this command's output")]
    public string? Out { get; init; }

    [CommandOption("--prefix <PREFIX>")]
    [Description("The suite's endpoint prefix (Bus:EndpointPrefix), if it runs with one: exchange and queue names then carry it")]
    public string? Prefix { get; init; }

    [CommandOption("--vhost <NAME>")]
    [Description("The RabbitMQ virtual host the document names (default: widthretrain)")]
    [DefaultValue("widthretrain")]
    public string VirtualHost { get; init; } = "widthretrain";
}
