using Marten;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Npgsql;
using WidthRetrain.Dashboard.Api;
using WidthRetrain.Dashboard.Shared;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Planner;

namespace WidthRetrain.Dashboard;

/// <summary>
/// The dashboard as a web application: the service process (Program.cs) and the CLI's `widthretrain dashboard` build it
/// here, against the event store's read models. It reads with the services' role in read-only transactions, so even a
/// bug here cannot append or change anything.
/// </summary>
public static class DashboardApp
{
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(1);

    /// <summary>The connection string with every transaction read-only (PostgreSQL refuses writes on it).</summary>
    public static string ReadOnly(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        b.Options = string.Join(' ', new[] { b.Options, "-c default_transaction_read_only=on" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        return b.ConnectionString;
    }

    public static IServiceCollection AddWidthRetrainDashboard(this IServiceCollection services, string connectionString, string schema)
    {
        string readOnly = ReadOnly(connectionString);
        services.AddPlannerStore(readOnly, schema);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.NumberHandling = DashboardJson.Options.NumberHandling;
            foreach (var c in DashboardJson.Options.Converters) o.SerializerOptions.Converters.Add(c);
        });
        services.AddHealthChecks().AddCheck("postgres", new PostgresHealthCheck(readOnly));
        return services;
    }

    public static WebApplication UseWidthRetrainDashboard(this WebApplication app, TimeSpan? poll = null)
    {
        // Anything unexpected is one line without a stack trace (nor a connection string: Npgsql's messages carry none).
        app.UseExceptionHandler(e => e.Run(async http =>
        {
            Exception? error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new { error = $"{error?.GetType().Name}: {error?.Message.Split('\n')[0]}" }, DashboardJson.Options);
        }));
        app.MapHealthChecks("/health");
        app.MapDashboardEndpoints(poll ?? DefaultPoll);
        return app;
    }

    /// <summary>
    /// The dashboard in a process that is not its own service (the CLI, tests): warnings only on the console, the same
    /// store settings as the caller's other commands; the store is checked (and migrated when the owner's connection is
    /// given) before it serves. Start it with StartAsync or RunAsync; <see cref="WebApplication.Urls"/> then lists where.
    /// </summary>
    public static async Task<WebApplication> StartEmbeddedAsync(string connectionString, string schema, IEnumerable<string> urls,
        string? ownerConnectionString, CancellationToken cancel, TimeSpan? poll = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // A failed start (a port in use) reaches the caller as an exception it turns into one line; the host's own
        // report of it is a stack trace.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.AddWidthRetrainDashboard(connectionString, schema);
        WebApplication app = builder.Build();
        try
        {
            await app.PrepareStoreAsync(connectionString, TimeSpan.FromSeconds(10), cancel, ownerConnectionString);
            app.UseWidthRetrainDashboard(poll);
            await app.StartAsync(cancel);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The store the app reads (for callers that need it beside the app).</summary>
    public static IDocumentStore Store(this WebApplication app) => app.Services.GetRequiredService<IDocumentStore>();
}
