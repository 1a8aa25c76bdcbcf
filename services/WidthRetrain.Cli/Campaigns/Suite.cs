using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WidthRetrain.Compute;
using WidthRetrain.CostAccountant;
using WidthRetrain.DriftGenerator;
using WidthRetrain.Evaluator;
using WidthRetrain.Hosting;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Trainer;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// Hosts for the CLI. Embedded: every service of the suite in this process on MassTransit's in-memory transport.
/// Client: only a bus connection to a deployed suite's RabbitMQ (no consumers) and the event store for reading.
/// </summary>
public static class Suite
{
    public static IHost Embedded(StoreSettings store, string checkpoints, string? dataDirectory, IDictionary<string, string?>? extra = null) =>
        Build(store, new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Storage:CheckpointDirectory"] = checkpoints,
            ["Storage:DataDirectory"] = dataDirectory,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // A failed message is recorded and shown on one line; MassTransit's own report of it carries a stack trace.
            ["Serilog:MinimumLevel:Override:MassTransit"] = "Fatal",
            // The embedded planner watches only the campaigns this process runs or resumes; older interrupted ones wait for `resume`.
            ["Planner:RedriveOnStart"] = "false",
            // Libraries' warnings (Marten's daemon, ...) go to the log file, not between the progress lines; the suite's own reach the console.
            ["Logging:ConsoleSources"] = "WidthRetrain",
            ["Logging:File"] = LogFile,
        }.Where(kv => extra?.ContainsKey(kv.Key) != true).Concat(extra ?? new Dictionary<string, string?>()), embedded: true, x =>
        {
            x.AddPlanner();
            x.AddDriftGenerator();
            x.AddTrainer();
            x.AddEvaluator();
            x.AddCostAccountant();
        });

    /// <summary>Where the embedded suite logs everything (rolled daily, a week kept); WIDTHRETRAIN_Logging__File overrides it.</summary>
    public static string LogFile => Path.Combine(Path.GetTempPath(), "widthretrain-logs", "cli-.log");

    public static IHost Client(StoreSettings store, string rabbitMqUrl) =>
        Build(store, new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqUrl"] = rabbitMqUrl,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Logging:ConsoleSources"] = "WidthRetrain",
            ["Logging:File"] = LogFile,
        }, embedded: false, _ => { });

    /// <summary>What the CLI reads beyond its options: WIDTHRETRAIN_-prefixed environment variables (Limits__MaxHours, ...).</summary>
    public static IConfiguration Configuration() => new ConfigurationBuilder().AddEnvironmentVariables("WIDTHRETRAIN_").Build();

    /// <summary>Only the event store, for commands that read it.</summary>
    public static IHost Reader(StoreSettings store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlannerStore(store.ConnectionString, store.Schema);
        return builder.Build();
    }

    /// <summary>A reader host whose store is reachable and up to date; dispose the host when done.</summary>
    public static async Task<(IHost Host, IDocumentStore Store)> OpenReaderAsync(StoreSettings store, CancellationToken cancel)
    {
        IHost host = Reader(store);
        await host.PrepareStoreAsync(store.ConnectionString, TimeSpan.FromSeconds(10), cancel, store.OwnerConnectionString);
        return (host, host.Services.GetRequiredService<IDocumentStore>());
    }

    /// <summary>A host with the planner (its consumers, store and watchdog) and the given other consumers on the in-memory bus.</summary>
    public static IHost PlannerWith(StoreSettings store, Action<IBusRegistrationConfigurator> consumers) =>
        Build(store, new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Planner:RedriveOnStart"] = "false",
        }, embedded: true, x =>
        {
            x.AddPlanner();
            consumers(x);
        });

    private static IHost Build(StoreSettings store, IEnumerable<KeyValuePair<string, string?>> settings, bool embedded,
        Action<IBusRegistrationConfigurator> consumers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables("WIDTHRETRAIN_");
        builder.Services.AddWidthRetrainService(builder.Configuration, "cli", consumers);
        if (embedded) builder.Services.AddWidthRetrainCompute(builder.Configuration);
        if (embedded) builder.Services.AddPlannerServices(builder.Configuration, store.ConnectionString, store.Schema, RedriveScope.Listed());
        else builder.Services.AddPlannerStore(store.ConnectionString, store.Schema);
        return builder.Build();
    }
}
