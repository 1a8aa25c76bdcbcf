using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// `widthretrain bench planner`: does the planner stay flat as a campaign grows? The real planner, bus and event store
/// with workers that answer at once (<see cref="StubWorkers"/>): a 100-round campaign (10 widths x 10 seeds x 1 task)
/// and a 10,000-round one (x 100 tasks, the same 100 chains in parallel). Prints the wall time per round of each, of
/// the large one's first and last thousand rounds, and checks the large campaign stays within 20 % of the small.
/// </summary>
public sealed class PlannerBenchCommand : AsyncCommand<PlannerBenchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PlannerBenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Tasks is < 2 or > 100) throw new ArgumentException($"--tasks: 2 to 100, got {settings.Tasks}");
        StoreSettings scratch = ScratchSchema.For(settings, "bench_planner_");
        using IHost host = Suite.PlannerWith(scratch, x => x.AddConsumer<StubWorkers>());
        await host.PrepareStoreAsync(scratch.ConnectionString, TimeSpan.FromSeconds(20), cancellationToken, scratch.OwnerConnectionString);
        await host.StartAsync(cancellationToken);
        try
        {
            await RunAsync(host, 1, "warm-up", cancellationToken);
            var small = await RunAsync(host, 1, "100 rounds", cancellationToken);
            var large = await RunAsync(host, settings.Tasks, $"{100 * settings.Tasks} rounds", cancellationToken);

            var table = new Table().Border(TableBorder.Rounded).AddColumns(new[] { "campaign", "rounds", "events", "wall s", "ms per round", "campaign state bytes" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
            foreach (var r in new[] { small, large })
                table.AddRow(r.Name, r.Rounds.ToString(), r.Events.ToString(), r.Wall.ToString("0.00"), (1000 * r.Wall / r.Rounds).ToString("0.00"), r.StateBytes.ToString());
            AnsiConsole.MarkupLine("[bold]Planner at scale[/]: real planner, in-memory bus, PostgreSQL; workers answer at once");
            AnsiConsole.Write(table);
            int window = Math.Min(1000, large.Times.Count / 4);
            double first = large.Times[window - 1].TotalMilliseconds / window;
            double last = (large.Times[^1] - large.Times[^(window + 1)]).TotalMilliseconds / window;
            AnsiConsole.MarkupLineInterpolated($"large campaign: first {window} rounds {first:0.00} ms per round, last {window} rounds {last:0.00} ms per round");
            double ratio = (large.Wall / large.Rounds) / (small.Wall / small.Rounds);
            bool met = ratio <= 1.2 && last <= 1.2 * first;
            AnsiConsole.MarkupLine($"{(met ? "[green]met[/]   " : "[red]missed[/]")} per-round overhead at {large.Rounds} rounds is {ratio:0.00}x that at {small.Rounds} (target <= 1.20), last/first window {last / first:0.00}x");
            return 0;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await ScratchSchema.DropAsync(scratch);
        }
    }

    private sealed record Result(string Name, int Rounds, long Events, double Wall, int StateBytes, IReadOnlyList<TimeSpan> Times);

    private static async Task<Result> RunAsync(IHost host, int tasks, string name, CancellationToken cancel)
    {
        var spec = new CampaignSpec($"bench-planner-{tasks}", new DatasetSpec("synthetic", 64, 16), new DriftSpec("rotation", tasks),
            [.. Enumerable.Range(1, 10)], 1, "relu", new TrainingSpec(EpochsPerTask: 1), [.. Enumerable.Range(1, 10).Select(i => (long)i)], PriceBook.Default);
        var id = NewId.NextGuid();
        host.Services.GetRequiredService<RedriveScope>().Add(id);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var clock = Stopwatch.StartNew();
        var times = new List<TimeSpan>();
        await host.Services.GetRequiredService<IBus>().Publish(new StartCampaign(id, spec), cancel);
        CampaignSummary? s = null;
        int seen = 0;
        while (s is not { IsFinished: true })
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(60)) throw new TimeoutException($"{name}: not finished in 60 minutes ({s?.RoundsDone} rounds)");
            await Task.Delay(50, cancel);
            await using var q = store.QuerySession();
            s = await q.LoadAsync<CampaignSummary>(id, cancel);
            for (; s is not null && seen < s.RoundsDone; seen++) times.Add(clock.Elapsed);
        }
        double wall = clock.Elapsed.TotalSeconds;
        if (s.Status != CampaignStatus.Completed) throw new InvalidOperationException($"{name} failed: {s.FailureReason}");
        await using var query = store.QuerySession();
        long events = (await query.Events.FetchStreamStateAsync(id, cancel))!.Version;
        string state = await query.Json.FindByIdAsync<Planner.State.CampaignState>(id, cancel) ?? "";
        return new Result(name, s.RoundsDone, events, wall, state.Length, times);
    }
}
