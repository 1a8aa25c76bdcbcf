using System.ComponentModel;
using Spectre.Console.Cli;
using WidthRetrain.Hosting;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Where the event store is: options shared by every command that reads or writes it.</summary>
public class StoreSettings : CommandSettings
{
    [CommandOption("--postgres <CONNECTION>")]
    [Description("PostgreSQL connection string of the services' role (better: $WIDTHRETRAIN_POSTGRES, which keeps the password off the command line; else the local one infra/local/start-postgres.sh writes)")]
    public string? Postgres { get; init; }

    [CommandOption("--schema <NAME>")]
    [Description("Database schema of the event store")]
    [DefaultValue("widthretrain")]
    public string Schema { get; init; } = "widthretrain";

    public string ConnectionString => Postgres ?? LocalCredentials.Get("WIDTHRETRAIN_POSTGRES")
        ?? throw new ArgumentException($"--postgres: no event store configured; set WIDTHRETRAIN_POSTGRES, or run infra/local/start-postgres.sh (it writes {LocalCredentials.File})");

    /// <summary>The schema owner's connection ($WIDTHRETRAIN_POSTGRES_OWNER or the local file): when known, the schema is migrated before use.</summary>
    public string? OwnerConnectionString => LocalCredentials.Get("WIDTHRETRAIN_POSTGRES_OWNER");
}
