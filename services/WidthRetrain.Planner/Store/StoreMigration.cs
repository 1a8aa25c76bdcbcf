using JasperFx;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using Weasel.Core;

namespace WidthRetrain.Planner.Store;

/// <summary>
/// Two roles for the event store. The owner creates and migrates the schema; the services run as another role that can
/// read everything and append events, update its read models, but can never UPDATE, DELETE or TRUNCATE an event (nor
/// delete a stream, whose foreign key would cascade to its events). The grants are re-applied after every migration.
/// </summary>
public static class StoreMigration
{
    /// <summary>Creates or updates the schema as <paramref name="ownerConnection"/>, then grants <paramref name="appRole"/> its rights (when it is another role).</summary>
    public static async Task MigrateAsync(string ownerConnection, string schema, string? appRole, ILogger log, CancellationToken cancel)
    {
        using (var store = DocumentStore.For(o => PlannerStore.Configure(o, ownerConnection, schema, AutoCreate.CreateOrUpdate)))
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        string owner = new NpgsqlConnectionStringBuilder(ownerConnection).Username ?? "";
        if (string.IsNullOrEmpty(appRole) || appRole == owner)
        {
            log.LogWarning("Schema {Schema} migrated; the services connect as its owner {Owner}, so nothing stops them from editing events", schema, owner);
            return;
        }
        await using var c = new NpgsqlConnection(ownerConnection);
        await c.OpenAsync(cancel);
        await using var cmd = new NpgsqlCommand(GrantSql(schema, appRole), c);
        await cmd.ExecuteNonQueryAsync(cancel);
        log.LogInformation("Schema {Schema} migrated by {Owner}; {App} may read and append events, never change or delete them", schema, owner, appRole);
    }

    /// <summary>The grants of the services' role on a migrated schema (idempotent).</summary>
    public static string GrantSql(string schema, string appRole)
    {
        string s = Quote(schema), r = Quote(appRole);
        return $"""
            GRANT USAGE ON SCHEMA {s} TO {r};
            REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r};
            REVOKE UPDATE, DELETE, TRUNCATE ON {s}.mt_events FROM {r};
            REVOKE UPDATE, DELETE, TRUNCATE ON {s}.mt_streams FROM {r};
            GRANT UPDATE (version, "timestamp") ON {s}.mt_streams TO {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r};
            """;
    }

    /// <summary>
    /// The services' check at start: the schema must be there and up to date, because their role cannot change it.
    /// Reading the catalogue to compare needs no more than that role has.
    /// </summary>
    public static async Task EnsureMigratedAsync(IDocumentStore store, CancellationToken cancel)
    {
        var migration = await store.Storage.Database.CreateMigrationAsync(cancel);
        if (migration.Difference != SchemaPatchDifference.None)
            throw new InvalidOperationException(
                $"the event store schema '{store.Options.DatabaseSchemaName}' is {(migration.Difference == SchemaPatchDifference.Create ? "missing" : "out of date")}; migrate it as its owner: `widthretrain migrate` with WIDTHRETRAIN_POSTGRES_OWNER set (infra/local/start-postgres.sh writes it), or ConnectionStrings:MartenOwner for the planner");
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
