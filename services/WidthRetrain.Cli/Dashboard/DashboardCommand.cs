using Microsoft.AspNetCore.Builder;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Dashboard;

namespace WidthRetrain.Cli.Dashboard;

/// <summary>
/// `widthretrain dashboard`: the web dashboard in this process, against the same event store as the other commands
/// (--postgres/$WIDTHRETRAIN_POSTGRES, --schema); prints its URL and serves until Ctrl-C.
/// </summary>
public sealed class DashboardCommand : AsyncCommand<DashboardSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DashboardSettings settings, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = await DashboardApp.StartEmbeddedAsync(settings.ConnectionString, settings.Schema, settings.Listen, settings.OwnerConnectionString, cancellationToken);
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{(settings.Urls is null ? "--port" : "--urls")}: {string.Join(";", settings.Listen)} is in use; choose another (--port 0 picks a free one)");
        }
        await using (app)
        {
            AnsiConsole.MarkupLineInterpolated($"Dashboard: [blue]{string.Join(" ", app.Urls)}[/] (schema {settings.Schema}; Ctrl-C stops it)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None);
        }
        return 0;
    }
}
