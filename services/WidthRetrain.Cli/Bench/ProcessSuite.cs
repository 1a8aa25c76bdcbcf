using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using WidthRetrain.Cli.Contracts;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// The suite deployed as separate processes, as the README's "Distributed" section runs it: each service its own
/// process and broker user, under an endpoint prefix of its own on a scratch schema, checkpoints in a scratch folder.
/// Its queues delete themselves when their consumers go (Bus:AutoDeleteQueues) and its exchanges are deleted when it
/// is disposed, so a run leaves nothing on the broker; the services' logs are kept only when something failed.
/// </summary>
public sealed class ProcessSuite : IAsyncDisposable
{
    private static readonly (string Name, string Assembly, string User)[] Workers =
    [
        ("planner", "WidthRetrain.Planner", "PLANNER"),
        ("drift-generator", "WidthRetrain.DriftGenerator", "DRIFT_GENERATOR"),
        ("evaluator", "WidthRetrain.Evaluator", "EVALUATOR"),
        ("cost-accountant", "WidthRetrain.CostAccountant", "COST_ACCOUNTANT"),
    ];

    private readonly List<ServiceProcess> services = [];
    private readonly BrokerUsers broker;
    private readonly string postgres;
    private readonly string schema;
    private IHost? client;
    private bool clientStarted;

    public ProcessSuite(BrokerUsers broker, string postgres, string schema)
    {
        this.broker = broker;
        this.postgres = postgres;
        this.schema = schema;
        Prefix = "so" + Guid.NewGuid().ToString("N")[..8];
        Folder = Path.Combine(Path.GetTempPath(), "widthretrain-bench", Prefix);
        Directory.CreateDirectory(Folder);
    }

    public string Prefix { get; }

    /// <summary>The services' logs and health files (and the checkpoints, under checkpoints/).</summary>
    public string Folder { get; }

    /// <summary>Keep the logs when the suite is disposed (set when a run failed).</summary>
    public bool KeepLogs { get; set; }

    /// <summary>The part every trainer process counts in.</summary>
    public const string TrainersPart = "trainers";

    /// <summary>The running services' process ids, by the part of the suite they are (every trainer is <see cref="TrainersPart"/>).</summary>
    public IEnumerable<(string Part, int Pid)> Processes =>
        services.Where(s => s.ProcessId is not null).Select(s => (s.Name.StartsWith("trainer-", StringComparison.Ordinal) ? TrainersPart : s.Name, s.ProcessId!.Value));

    /// <summary>The parts <see cref="Processes"/> names, in the order a report lists them.</summary>
    public static IReadOnlyList<string> Parts => [TrainersPart, .. Workers.Select(w => w.Name)];

    private string Checkpoints => Path.Combine(Folder, "checkpoints");

    /// <summary>
    /// Starts the planner, drift generator, evaluator, cost accountant and <paramref name="trainers"/> trainers (each
    /// holding <paramref name="groupRounds"/> rounds at once when given); returns when all report Healthy.
    /// </summary>
    public async Task StartAsync(int trainers, int? groupRounds, TimeSpan timeout, CancellationToken cancel)
    {
        // The client is built first: its bus names the exchanges to delete at the end, even if the services never come up.
        client = BuildClient();
        foreach (var (name, assembly, user) in Workers) Add(name, assembly, user);
        for (int i = 1; i <= trainers; i++) Add($"trainer-{i}", "WidthRetrain.Trainer", "TRAINER", groupRounds);
        foreach (ServiceProcess s in services) s.Start();
        var clock = Stopwatch.StartNew();
        foreach (ServiceProcess s in services)
        {
            while (!ServiceProcess.ReportsHealthy(HealthFile(s.Name)))
            {
                if (!s.Running) throw new BenchFailure($"{s.Name} exited at start; its log: {s.Log}");
                if (clock.Elapsed > timeout) throw new TimeoutException($"{s.Name} not healthy {timeout.TotalSeconds:0} s after start; its log: {s.Log}");
                await Task.Delay(200, cancel);
            }
        }
        await client.StartAsync(cancel);
        clientStarted = true;
    }

    private void Add(string name, string assembly, string user, int? groupRounds = null)
    {
        var env = new Dictionary<string, string>
        {
            ["Bus__RabbitMqUrl"] = broker.UrlFor(user),
            ["Bus__EndpointPrefix"] = Prefix,
            // Classic queues that go with their last consumer: nothing is left on the broker after the run, even after a kill -9.
            ["Bus__AutoDeleteQueues"] = "true",
            ["Marten__Schema"] = schema,
            ["Storage__CheckpointDirectory"] = Checkpoints,
            ["Compute__Threads"] = "1",
            ["Service__Instance"] = name,
            ["Health__File"] = HealthFile(name),
        };
        if (name == "planner") env["ConnectionStrings__Marten"] = postgres;
        if (groupRounds is { } held) env["Compute__GroupRounds"] = held.ToString(System.Globalization.CultureInfo.InvariantCulture);
        services.Add(ServiceProcess.ForService(name, assembly, env, Folder));
    }

    private string HealthFile(string name) => Path.Combine(Folder, name + ".health");

    private IHost BuildClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:RabbitMqUrl"] = broker.UrlFor("CLI"),
            ["Bus:EndpointPrefix"] = Prefix,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.Services.AddWidthRetrainBus(builder.Configuration, _ => { });
        return builder.Build();
    }

    public async Task<Guid> StartCampaignAsync(CampaignSpec spec, CancellationToken cancel)
    {
        var id = NewId.NextGuid();
        await (clientStarted ? client! : throw new InvalidOperationException("start the suite first")).Services.GetRequiredService<IBus>().Publish(new StartCampaign(id, spec), cancel);
        return id;
    }

    /// <summary>Waits for the campaign's end; a service that died or a deadline passed is an error naming the logs.</summary>
    public Task<CampaignSummary> WaitForEndAsync(IDocumentStore store, Guid id, TimeSpan timeout, CancellationToken cancel) =>
        WaitForAsync(store, id, s => s.IsFinished, timeout, cancel);

    /// <summary>Waits until the campaign's first stage has started (its tasks are prepared), or it has ended.</summary>
    public Task<CampaignSummary> WaitForStageAsync(IDocumentStore store, Guid id, TimeSpan timeout, CancellationToken cancel) =>
        WaitForAsync(store, id, s => s.Stage >= 1 || s.IsFinished, timeout, cancel);

    private async Task<CampaignSummary> WaitForAsync(IDocumentStore store, Guid id, Func<CampaignSummary, bool> reached, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (IQuerySession q = store.QuerySession())
            {
                CampaignSummary? s = await q.LoadAsync<CampaignSummary>(id, cancel);
                if (s is not null && reached(s)) return s;
                if (services.FirstOrDefault(p => !p.Running) is { } dead) throw new BenchFailure($"{dead.Name} exited during the campaign; its log: {dead.Log}");
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"the campaign did not finish in {timeout.TotalMinutes:0.#} minutes ({s?.RoundsDone ?? 0}/{s?.RoundsTotal ?? 0} rounds); services' logs in {Folder}");
            }
            // The times come from the record, not from this loop; a quarter second keeps the cores' account close to the span.
            await Task.Delay(250, cancel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM to all at once (each stops within seconds), then kill -9 what is still there.
        foreach (ServiceProcess s in services) s.SignalTerminate();
        await Task.WhenAll(services.Select(s => s.StopAsync(TimeSpan.FromSeconds(15))));
        foreach (ServiceProcess s in services) s.Dispose();
        if (client is not null)
        {
            try
            {
                if (clientStarted) await client.StopAsync(TimeSpan.FromSeconds(10));
                await DeleteExchangesAsync(client.Services.GetRequiredService<IBus>().Topology);
            }
            finally
            {
                client.Dispose();
            }
        }
        if (Directory.Exists(Checkpoints)) Directory.Delete(Checkpoints, recursive: true);
        if (!KeepLogs && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// The exchanges MassTransit declared for the suite's messages under this prefix (one per message type, one per
    /// Fault&lt;T&gt;, the subscriber events exchange): queues go by themselves, these would not. Deleting an exchange
    /// that was never declared is no error in RabbitMQ.
    /// </summary>
    private async Task DeleteExchangesAsync(IBusTopology topology)
    {
        Type[] types = [.. AsyncApiDocument.Messages.SelectMany(t => new[] { t, typeof(Fault<>).MakeGenericType(t) }), typeof(Fault)];
        HashSet<string> names = [.. types.Select(t => EntityName(topology, t))];
        names.RemoveWhere(n => !n.StartsWith(Prefix + ".", StringComparison.Ordinal)); // never anything outside this run
        try
        {
            await using IConnection connection = await new ConnectionFactory { Uri = new Uri(broker.UrlFor("CLI")) }.CreateConnectionAsync();
            await using IChannel channel = await connection.CreateChannelAsync();
            foreach (string name in names) await channel.ExchangeDeleteAsync(name, ifUnused: false);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
        {
            // Cleaning up must not hide what went wrong before it; what is left is named.
            await Console.Error.WriteLineAsync($"warning: the exchanges of prefix {Prefix}. are left on the broker: {e.Message}");
        }
    }

    /// <summary>The exchange MassTransit names after message type <paramref name="type"/> on this bus (its prefix included).</summary>
    private static string EntityName(IBusTopology topology, Type type)
    {
        object messageTopology = typeof(IBusTopology).GetMethod(nameof(IBusTopology.Message))!.MakeGenericMethod(type).Invoke(topology, null)!;
        return (string)typeof(IMessageTopology<>).MakeGenericType(type).GetProperty(nameof(IMessageTopology<object>.EntityName))!.GetValue(messageTopology)!;
    }
}
