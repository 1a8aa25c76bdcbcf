using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WidthRetrain.Hosting.Startup;

namespace WidthRetrain.Planner;

/// <summary>Before a host with the planner runs: wait for PostgreSQL (bounded), then create or update Marten's schema.</summary>
public static class PlannerStartup
{
    public static async Task PrepareStoreAsync(this IHost host, string connectionString, TimeSpan wait, CancellationToken cancel = default)
    {
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WidthRetrain.Planner");
        await PostgresWait.UntilReachableAsync(connectionString, log, wait, cancel);
        await host.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }
}
