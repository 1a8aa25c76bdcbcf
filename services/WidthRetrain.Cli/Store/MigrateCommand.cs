using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Hosting;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Store;

/// <summary>
/// `widthretrain migrate`: creates or updates the event store schema as its owner ($WIDTHRETRAIN_POSTGRES_OWNER) and
/// grants the services' role read and append rights on events, and nothing that could change or delete one.
/// </summary>
public sealed class MigrateCommand : AsyncCommand<MigrateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MigrateSettings settings, CancellationToken cancellationToken)
    {
        string owner = settings.OwnerConnectionString
            ?? throw new ArgumentException("WIDTHRETRAIN_POSTGRES_OWNER: required, the connection string of the schema's owner role (infra/local/start-postgres.sh writes it)");
        string? services = settings.Postgres ?? LocalCredentials.Get("WIDTHRETRAIN_POSTGRES");
        string? app = settings.AppRole ?? (services is null ? null : new NpgsqlConnectionStringBuilder(services).Username);
        await StoreMigration.MigrateAsync(owner, settings.Schema, app, NullLogger.Instance, cancellationToken);
        string who = new NpgsqlConnectionStringBuilder(owner).Username ?? "?";
        if (app is null || app == who)
            AnsiConsole.MarkupLineInterpolated($"[yellow]schema {settings.Schema} migrated[/] by {who}; no separate services' role given (--app-role), so the services would run as the owner");
        else
            AnsiConsole.MarkupLineInterpolated($"[green]schema {settings.Schema} migrated[/] by {who}; role {app} may read and append events, never update or delete them");
        return 0;
    }
}
