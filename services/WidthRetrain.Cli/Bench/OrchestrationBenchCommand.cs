using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// `widthretrain bench orchestration`: the cost of running rounds as messages and events. A campaign's wall time is
/// compared with the sum of its rounds' training and evaluation time (as the services measured it); what is left
/// is the bus, the event store, checkpoint writes and idle gaps, per round and as a share of the wall time.
/// </summary>
public sealed class OrchestrationBenchCommand : AsyncCommand<OrchestrationBenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, OrchestrationBenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.TinyChains is < 1 or > 32) throw new ArgumentException($"--tiny-chains: 1 to 32 (one seed per chain), got {settings.TinyChains}");
        var extra = new Dictionary<string, string?>();
        if (settings.RabbitMq is not null)
        {
            extra["Bus:Transport"] = "RabbitMq";
            extra["Bus:RabbitMqUrl"] = settings.RabbitMq;
            extra["Bus:EndpointPrefix"] = "bench" + Guid.NewGuid().ToString("N")[..6];
            extra["Bus:AutoDeleteQueues"] = "true";
        }
        string checkpoints = Path.Combine(Path.GetTempPath(), "widthretrain-bench", Guid.NewGuid().ToString("N"));
        using IHost host = Suite.Embedded(settings, checkpoints, null, extra);
        await host.PrepareStoreAsync(settings.ConnectionString, TimeSpan.FromSeconds(20), cancellationToken, settings.OwnerConnectionString);
        await host.StartAsync(cancellationToken);
        var rows = new List<(string Name, int Rounds, double Wall, double Preparation, double Compute)>();
        using OrchestrationTrace? trace = settings.Trace ? new OrchestrationTrace() : null;
        IReadOnlyList<(string Operation, int Count, double TotalMs)>? traced = null;
        try
        {
            long[] seeds = Enumerable.Range(1, settings.TinyChains).Select(i => (long)i).ToArray();
            CampaignSpec tiny = new("bench-tiny", new DatasetSpec("synthetic", 256, 64), new DriftSpec("rotation", 5), [16], 1, "relu",
                new TrainingSpec(EpochsPerTask: 1), seeds, PriceBook.Default);
            // Warm-up: JIT, Marten's schema checks and the bus's topology are paid once, not per round. It runs as many
            // chains as the measured campaign (other seeds), so the connection pool has grown to its concurrency and the
            // concurrent paths are compiled before the clock starts.
            await RunAsync(host, tiny with { Name = "bench-warm-up", Seeds = [.. seeds.Select(s => s + 1000)] }, cancellationToken);
            trace?.Reset();
            rows.Add(await RunAsync(host, tiny, cancellationToken));
            traced = trace?.Snapshot();
            if (settings.Paper)
            {
                CampaignSpec paper = new("bench-paper", new DatasetSpec("fashion-mnist"), new DriftSpec("rotation", 5), [256], 1, "relu",
                    new TrainingSpec(), [42], PriceBook.Default);
                rows.Add(await RunAsync(host, paper, cancellationToken));
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns(new[] { "campaign", "rounds", "wall s", "task preparation s", "train+eval s", "overhead s", "overhead ms/round", "overhead % of wall" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        foreach (var r in rows)
        {
            // Preparing the tasks (loading the dataset, materialising and hashing every task) is data work that an
            // in-process sweep pays too; the overhead is what remains beyond it and the rounds' compute.
            double overhead = r.Wall - r.Preparation - r.Compute;
            table.AddRow(r.Name, r.Rounds.ToString(), r.Wall.ToString("0.00"), r.Preparation.ToString("0.00"), r.Compute.ToString("0.00"),
                overhead.ToString("0.00"), (1000 * overhead / r.Rounds).ToString("0.0"), (100 * overhead / r.Wall).ToString("0.0"));
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]Orchestration overhead[/], every service in one process on {(settings.RabbitMq is null ? "the in-memory transport" : "RabbitMQ")}, events in PostgreSQL");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]Rounds of one arm and seed run in sequence; chains interleave, so bus and store work overlaps with other chains' compute. Targets: <= 20 ms per tiny round; < 5 % for paper-size rounds.[/]");
        if (traced is not null)
        {
            int rounds = rows[0].Rounds;
            var breakdown = new Table().Border(TableBorder.Rounded).AddColumn("operation (tiny campaign)")
                .AddColumns(new[] { "count", "per round", "total ms", "ms per round" }.Select(h => new TableColumn(h).RightAligned()).ToArray());
            foreach (var t in traced.Take(40))
                breakdown.AddRow(Markup.Escape(t.Operation), t.Count.ToString(), ((double)t.Count / rounds).ToString("0.0"), t.TotalMs.ToString("0"),
                    (t.TotalMs / rounds).ToString("0.0"));
            AnsiConsole.Write(breakdown);
        }
        return 0;
    }

    private static async Task<(string, int, double, double, double)> RunAsync(IHost host, CampaignSpec spec, CancellationToken cancel)
    {
        var id = NewId.NextGuid();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var bus = host.Services.GetRequiredService<IBus>();
        // The summary is read when the planner has recorded the price of the campaign's last round or a fault (the
        // steps that can end a campaign), and at least every half second: the wall time is not padded by a polling
        // interval, nor the rounds slowed by a poll per round that competes with them for the cores.
        var ends = new PlannerEndings(id, spec.Seeds.Count * spec.Widths.Count * spec.Drift.Tasks);
        ConnectHandle observing = bus.ConnectConsumeObserver(ends);
        var clock = Stopwatch.StartNew();
        CampaignSummary? s = null;
        try
        {
            await bus.Publish(new StartCampaign(id, spec), cancel);
            while (s is not { IsFinished: true })
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(30)) throw new TimeoutException($"benchmark campaign {spec.Name} did not finish in 30 minutes");
                await ends.WaitAsync(TimeSpan.FromMilliseconds(500), cancel);
                await using var q = store.QuerySession();
                s = await q.LoadAsync<CampaignSummary>(id, cancel);
            }
        }
        finally
        {
            observing.Disconnect();
        }
        double wall = clock.Elapsed.TotalSeconds;
        if (s.Status != CampaignStatus.Completed) throw new InvalidOperationException($"benchmark campaign {spec.Name} failed: {s.FailureReason}");
        await using var query = store.QuerySession();
        var rounds = await query.Query<RoundView>().Where(r => r.CampaignId == id).ToListAsync(cancel);
        var events = await query.Events.FetchStreamAsync(id, token: cancel);
        double preparation = (events.First(e => e.Data is StageStarted).Timestamp - events[0].Timestamp).TotalSeconds;
        return (spec.Name, rounds.Count, wall, preparation, rounds.Sum(r => (r.TrainSeconds ?? 0) + (r.EvalSeconds ?? 0)));
    }

    /// <summary>
    /// Signals the messages consumed that can end a campaign: a fault, a message that failed, and the campaign's
    /// RoundCosted from the one that makes its expected count on (a redelivery only brings a read forward).
    /// </summary>
    private sealed class PlannerEndings(Guid campaignId, int rounds) : IConsumeObserver
    {
        // Not disposed: an observer call already under way when the bench stops observing may still release it (and a
        // SemaphoreSlim whose wait handle was never asked for holds nothing to free).
        private readonly SemaphoreSlim signal = new(0);
        private int costed;

        public Task WaitAsync(TimeSpan atMost, CancellationToken cancel) => signal.WaitAsync(atMost, cancel);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is RoundCosted m && m.Round.CampaignId == campaignId && Interlocked.Increment(ref costed) >= rounds) signal.Release();
            return SignalIfFault<T>();
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            signal.Release();
            return Task.CompletedTask;
        }

        private Task SignalIfFault<T>()
        {
            if (typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Fault<>)) signal.Release();
            return Task.CompletedTask;
        }
    }
}
