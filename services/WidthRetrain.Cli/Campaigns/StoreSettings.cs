using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>Where the event store is: options shared by run, campaigns and show.</summary>
public class StoreSettings : CommandSettings
{
    /// <summary>The local development database that infra/local/start-postgres.sh creates.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=5432;Database=widthretrain;Username=widthretrain;Password=widthretrain-dev";

    [CommandOption("--postgres <CONNECTION>")]
    [Description("PostgreSQL connection string of the event store (default: $WIDTHRETRAIN_POSTGRES, else the local one infra/local/start-postgres.sh creates)")]
    public string? Postgres { get; init; }

    [CommandOption("--schema <NAME>")]
    [Description("Database schema of the event store")]
    [DefaultValue("widthretrain")]
    public string Schema { get; init; } = "widthretrain";

    public string ConnectionString => Postgres ?? Environment.GetEnvironmentVariable("WIDTHRETRAIN_POSTGRES") ?? LocalDefault;
}
