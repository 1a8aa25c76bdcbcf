using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WidthRetrain.Compute;
using WidthRetrain.CostAccountant;
using WidthRetrain.DriftGenerator;
using WidthRetrain.Evaluator;
using WidthRetrain.Hosting;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Trainer;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// One isolated suite per test class on the real broker and database: its own exchange and queue prefix (queues
/// deleted when the test's consumers go), its own Marten schema (dropped at the end) and checkpoint folder. Every
/// service runs as its own host with its own bus connection, as separate processes would.
/// </summary>
public sealed class SuiteFixture : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];

    public string Prefix { get; } = "it" + Guid.NewGuid().ToString("N")[..8];
    public string Schema => "wr_" + Prefix;
    public string Checkpoints { get; }

    public SuiteFixture() => Checkpoints = Path.Combine(Path.GetTempPath(), "widthretrain-it", Prefix);

    public IDocumentStore Store => (planner ?? throw new InvalidOperationException("start the planner first")).Services.GetRequiredService<IDocumentStore>();
    public IBus Bus => (planner ?? throw new InvalidOperationException("start the planner first")).Services.GetRequiredService<IBus>();

    private IHost? planner;

    public async Task StartPlannerAsync()
    {
        planner = await StartAsync("planner", x => x.AddPlanner(), withStore: true);
    }

    public Task<IHost> StartDriftGeneratorAsync() => StartAsync("drift-generator", x => x.AddDriftGenerator());
    public Task<IHost> StartTrainerAsync(string instance = "trainer-1") => StartAsync("trainer", x => x.AddTrainer(), instance: instance);
    public Task<IHost> StartEvaluatorAsync() => StartAsync("evaluator", x => x.AddEvaluator());

    /// <summary>The evaluator <see cref="StartSuiteAsync"/> started.</summary>
    public IHost? Evaluator { get; private set; }
    public Task<IHost> StartCostAccountantAsync(IDictionary<string, string?>? extra = null) =>
        StartAsync("cost-accountant", x => x.AddCostAccountant(), extra: extra);

    /// <summary>The whole suite: planner, drift generator, one trainer, evaluator, cost accountant.</summary>
    public async Task StartSuiteAsync()
    {
        await StartPlannerAsync();
        await StartDriftGeneratorAsync();
        await StartTrainerAsync();
        Evaluator = await StartEvaluatorAsync();
        await StartCostAccountantAsync();
    }

    /// <summary>A host with only a bus and these consumers (for observing what the suite publishes).</summary>
    public Task<IHost> StartObserverAsync(Action<IBusRegistrationConfigurator> consumers) => StartAsync("observer", consumers);

    private async Task<IHost> StartAsync(string service, Action<IBusRegistrationConfigurator> consumers, bool withStore = false, string? instance = null,
        IDictionary<string, string?>? extra = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqUrl"] = TestInfrastructure.RabbitMq,
            ["Bus:EndpointPrefix"] = Prefix,
            ["Bus:AutoDeleteQueues"] = "true",
            ["Storage:CheckpointDirectory"] = Checkpoints,
            ["Service:Instance"] = instance,
            ["Health:File"] = Path.Combine(Checkpoints, $"{service}-{instance}.health"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        if (extra is not null) builder.Configuration.AddInMemoryCollection(extra);
        Directory.CreateDirectory(Checkpoints);
        builder.Services.AddWidthRetrainService(builder.Configuration, service, consumers);
        builder.Services.AddWidthRetrainCompute(builder.Configuration);
        if (withStore) builder.Services.AddPlannerServices(builder.Configuration, TestInfrastructure.Postgres, Schema, RedriveScope.All());
        IHost host = builder.Build();
        // Migrated by the owner; the services run as the role that cannot change events.
        if (withStore) await host.PrepareStoreAsync(TestInfrastructure.Postgres, TimeSpan.FromSeconds(30), default, TestInfrastructure.PostgresOwner);
        await host.StartAsync();
        hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IHost h in hosts)
        {
            await h.StopAsync(TimeSpan.FromSeconds(20));
            h.Dispose();
        }
        hosts.Clear(); // disposing twice is harmless
        await ScratchStore.DropSchemaAsync(Schema);
        if (Directory.Exists(Checkpoints)) Directory.Delete(Checkpoints, recursive: true);
    }
}
