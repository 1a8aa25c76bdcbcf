using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WidthRetrain.Hosting.Startup;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner;

/// <summary>
/// Before a host with the event store runs: wait for PostgreSQL (bounded); migrate the schema when the owner's
/// connection is given; then check the schema is there and up to date for the services' role.
/// </summary>
public static class PlannerStartup
{
    public static async Task PrepareStoreAsync(this IHost host, string connectionString, TimeSpan wait, CancellationToken cancel = default,
        string? ownerConnectionString = null)
    {
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WidthRetrain.Planner");
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await PostgresWait.UntilReachableAsync(ownerConnectionString ?? connectionString, log, wait, cancel);
        if (!string.IsNullOrWhiteSpace(ownerConnectionString))
            await StoreMigration.MigrateAsync(ownerConnectionString, store.Options.DatabaseSchemaName,
                new NpgsqlConnectionStringBuilder(connectionString).Username, log, cancel);
        await StoreMigration.EnsureMigratedAsync(store, cancel);
    }
}
