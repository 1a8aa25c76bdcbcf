using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;

namespace WidthRetrain.Cli.Dashboard;

public sealed class DashboardSettings : StoreSettings
{
    [CommandOption("--port <N>")]
    [Description("Port on localhost to serve the dashboard on (0 to 65535; 0 picks a free one)")]
    [DefaultValue(8080)]
    public int Port { get; init; } = 8080;

    [CommandOption("--urls <URLS>")]
    [Description("Where to listen instead, separated by ';' (e.g. http://0.0.0.0:8080 to serve other machines; there is no login, so only on a trusted network)")]
    public string? Urls { get; init; }

    public override ValidationResult Validate() =>
        Port is < 0 or > 65535 ? ValidationResult.Error($"--port: must be 0 to 65535, got {Port}")
        : Urls is not null && Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(u => !Uri.TryCreate(u, UriKind.Absolute, out Uri? x) || x.Scheme is not ("http" or "https"))
            ? ValidationResult.Error($"--urls: give absolute http(s) URLs separated by ';', got '{Urls}'")
            : ValidationResult.Success();

    /// <summary>Kestrel binds a free port only on an address, not on "localhost".</summary>
    public IReadOnlyList<string> Listen => Urls is null ? [Port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{Port}"] : Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
