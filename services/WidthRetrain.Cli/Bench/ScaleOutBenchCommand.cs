using System.Globalization;
using Marten;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Compute;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// `widthretrain bench scale-out`: the same campaign twice through the suite deployed as separate processes on
/// RabbitMQ, first with one trainer process, then with N (each trainer on one libtorch thread), and the speed-up of
/// the rounds' wall time. The campaign is one arm with several seeds, so there are always rounds for every trainer,
/// and its rounds are training-heavy (many samples, several epochs, a small test set), so that what the planner,
/// evaluator and broker do per round stays small beside training.
/// </summary>
public sealed class ScaleOutBenchCommand : AsyncCommand<ScaleOutBenchSettings>
{
    /// <summary>The share of linear scaling the suite should reach: 1.8x with two trainers on two cores.</summary>
    public const double TargetEfficiency = 0.9;

    public override async Task<int> ExecuteAsync(CommandContext context, ScaleOutBenchSettings settings, CancellationToken cancellationToken)
    {
        settings.Check();
        BrokerUsers broker = BrokerUsers.Resolve(settings.RabbitMq);
        if (settings.OwnerConnectionString is null)
            throw new ArgumentException("$WIDTHRETRAIN_POSTGRES_OWNER: not set; the benchmark migrates a scratch schema as the schema owner (infra/local/start.sh writes it)");
        CampaignSpec spec = settings.Campaign("bench-scale-out");
        int rounds = spec.Seeds.Count * spec.Drift.Tasks;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Scale-out[/]: one campaign, first with 1 trainer process, then with {settings.Trainers} (one libtorch thread each), every service its own process on RabbitMQ, events in PostgreSQL");
        AnsiConsole.MarkupLineInterpolated(
            $"Campaign: {spec.Dataset.Name}, {settings.TrainSamples:N0} training and {settings.TestSamples:N0} test images per task, rotation over {settings.Tasks} tasks, width {settings.Width} (1 hidden layer), {settings.Seeds} seeds: {settings.Seeds} chains, {rounds} rounds of {settings.Epochs} epochs (SGD, batch 32)");
        AnsiConsole.MarkupLine("Each run starts a fresh suite, trains an untimed warm-up campaign (one chain per trainer, one epoch), then times the campaign.");
        AnsiConsole.MarkupLineInterpolated($"Machine: {Environment.ProcessorCount} cores{(settings.Trainers > Environment.ProcessorCount ? $" (fewer than the {settings.Trainers} trainers: the target assumes a core per trainer)" : "")}");

        StoreSettings scratch = ScratchSchema.For(settings, "bench_scaleout_");
        var phases = new List<ScaleOutPhase>();
        try
        {
            var (readerHost, store) = await Suite.OpenReaderAsync(scratch, cancellationToken);
            using IHost reader = readerHost;
            foreach (int trainers in new[] { 1, settings.Trainers })
            {
                AnsiConsole.MarkupLineInterpolated($"[grey]{trainers} trainer{(trainers == 1 ? "" : "s")}: starting the suite (load average {LoadAverage()})...[/]");
                ScaleOutPhase phase = await RunPhaseAsync(broker, scratch, store, settings.Campaign($"bench-scale-out-{trainers}"), trainers,
                    settings.GroupRounds, TimeSpan.FromMinutes(settings.TimeoutMinutes), cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"[grey]{trainers} trainer{(trainers == 1 ? "" : "s")}: {phase.Rounds} rounds in {phase.RoundsSeconds:0.0} s[/]");
                phases.Add(phase);
            }
        }
        catch (Exception e) when (e is TimeoutException or BenchFailure)
        {
            await Console.Error.WriteLineAsync($"error: bench scale-out: {e.Message}");
            return 1;
        }
        finally
        {
            await ScratchSchema.DropAsync(scratch);
        }

        Print(phases, settings.Trainers);
        int held = settings.GroupRounds ?? new ComputeOptions().GroupRounds;
        if (held > 1 && SiblingGroups.MaxSize(new MlpSpec(784, settings.Width, 1, 10)) == 1) // 28x28 images, 10 classes
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]Width {settings.Width} trains alone (no sibling groups), yet each trainer holds up to {held} rounds from the broker, which the other trainers cannot take meanwhile: compare with --group-rounds 1.[/]"));
        return 0;
    }

    private static async Task<ScaleOutPhase> RunPhaseAsync(BrokerUsers broker, StoreSettings scratch, IDocumentStore store, CampaignSpec spec, int trainers,
        int? groupRounds, TimeSpan timeout, CancellationToken cancel)
    {
        await using var suite = new ProcessSuite(broker, scratch.ConnectionString, scratch.Schema);
        try
        {
            await suite.StartAsync(trainers, groupRounds, timeout < TimeSpan.FromMinutes(3) ? timeout : TimeSpan.FromMinutes(3), cancel);
            // Warm-up, not timed: fresh processes pay JIT, libtorch's start and the tasks' materialisation on their first
            // rounds. One chain per trainer (each takes one round at a time), the same data and drift, one epoch.
            CampaignSpec warmUp = spec with
            {
                Name = spec.Name + "-warm-up",
                Seeds = [.. Enumerable.Range(1, trainers).Select(s => (long)s)],
                Training = spec.Training with { EpochsPerTask = 1 },
            };
            await RunCampaignAsync(suite, store, warmUp, timeout, cancel);
            // The cores are counted over the rounds' span (from the first stage), as the times are: not the task generation before it.
            Guid id = await suite.StartCampaignAsync(spec, cancel);
            await suite.WaitForStageAsync(store, id, timeout, cancel);
            CoreSample? before = CoreUse.Take(suite.Processes);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await EndAsync(suite, store, id, spec.Name, timeout, cancel);
            CoreSample? after = CoreUse.Take(suite.Processes);
            double wall = clock.Elapsed.TotalSeconds;
            ScaleOutPhase phase = await MeasureAsync(store, id, trainers, cancel);
            return before is null || after is null ? phase : phase with
            {
                Cores = CoreUse.Between(before, after, wall, [.. ProcessSuite.Parts, CoreUse.Database, CoreUse.Broker]),
                TrainerCpuSeconds = after.Parts.GetValueOrDefault(ProcessSuite.TrainersPart) - before.Parts.GetValueOrDefault(ProcessSuite.TrainersPart),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            suite.KeepLogs = true;
            throw;
        }
    }

    private static async Task RunCampaignAsync(ProcessSuite suite, IDocumentStore store, CampaignSpec spec, TimeSpan timeout, CancellationToken cancel) =>
        await EndAsync(suite, store, await suite.StartCampaignAsync(spec, cancel), spec.Name, timeout, cancel);

    private static async Task EndAsync(ProcessSuite suite, IDocumentStore store, Guid id, string name, TimeSpan timeout, CancellationToken cancel)
    {
        CampaignSummary summary = await suite.WaitForEndAsync(store, id, timeout, cancel);
        if (summary.Status != CampaignStatus.Completed)
            throw new BenchFailure($"campaign {name} failed: {summary.FailureReason}; services' logs in {suite.Folder}");
    }

    /// <summary>Times from the record (the database's clock): the rounds' span runs from the first stage's start to the campaign's completion.</summary>
    private static async Task<ScaleOutPhase> MeasureAsync(IDocumentStore store, Guid id, int trainers, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        var events = await q.Events.FetchStreamAsync(id, token: cancel);
        DateTimeOffset started = events[0].Timestamp;
        DateTimeOffset stage = events.First(e => e.Data is StageStarted).Timestamp;
        DateTimeOffset completed = events.Last(e => e.Data is CampaignCompleted).Timestamp;
        IReadOnlyList<RoundView> rounds = await q.Query<RoundView>().Where(r => r.CampaignId == id).ToListAsync(cancel);
        var marks = new List<(DateTimeOffset, int)>();
        foreach (RoundView r in rounds)
            foreach (var e in await q.Events.FetchStreamAsync(r.Id, token: cancel))
                if (e.Data is RoundScheduled) marks.Add((e.Timestamp, +1));
                else if (e.Data is RoundTrained t) marks.Add((e.Timestamp.AddSeconds(-t.Training.DeviceSeconds), -1)); // when its training began, at the latest
        var perTrainer = rounds.GroupBy(r => r.Worker ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TrainerShare(g.Key, g.Count(), g.Sum(r => r.TrainSeconds ?? 0))).ToList();
        return new ScaleOutPhase(trainers, rounds.Count, (completed - started).TotalSeconds, (completed - stage).TotalSeconds,
            rounds.Sum(r => r.TrainSeconds ?? 0), rounds.Sum(r => r.EvalSeconds ?? 0), TrainerStarvation.Share(marks, stage, completed, trainers), perTrainer);
    }

    private static void Print(IReadOnlyList<ScaleOutPhase> phases, int trainers)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns(new[] { "trainers", "span s", "train s/round", "eval s", "training %", "no work %", "other %", "rounds each" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        foreach (ScaleOutPhase p in phases)
            table.AddRow(F(p.Trainers, "0"), F(p.RoundsSeconds, "0.0"), F(p.TrainSeconds / p.Rounds, "0.00"), F(p.EvalSeconds, "0.0"),
                F(100 * p.Training, "0"), F(100 * p.WithoutWork, "0"), F(100 * p.Other, "0"), string.Join(" ", p.PerTrainer.Select(t => F(t.Rounds, "0"))));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]span: from the first stage's start to the campaign's completion (the record's clock; task generation before it is the same in both runs). " +
                               "train s/round, eval s: the services' own compute time. Of the trainers' time over the span: training; no work (fewer rounds ready " +
                               "than trainers, the others being evaluated and recorded; a round counts as ready until its recorded completion less its training " +
                               "time, so this is a lower bound); other (the trainer's own work around training: checkpoints, task data, " +
                               "messages; or a machine too busy to run it).[/]");
        ScaleOutPhase one = phases[0], many = phases[^1];
        double speedUp = one.RoundsSeconds / many.RoundsSeconds;
        double target = TargetEfficiency * trainers;
        bool met = speedUp >= target;
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(met ? "[green]met[/]   " : "[red]missed[/]")} {trainers} trainers: {speedUp:0.00}x the rounds' speed of 1 ({100 * speedUp / trainers:0} % of linear; target at least {target:0.0}x); " +
            $"whole campaign {one.CampaignSeconds:0.0} s against {many.CampaignSeconds:0.0} s, {one.CampaignSeconds / many.CampaignSeconds:0.00}x"));
        PrintCores(phases);
        if (many.WithoutWork > 0.1)
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]With {trainers} trainers, {100 * many.WithoutWork:0} % of trainer time had no round ready: the rest of the suite did not keep up. More seeds (--seeds) or heavier rounds (--epochs, --train-samples) give the trainers more to do.[/]"));
        if (many.TrainSeconds / many.Rounds > 1.05 * one.TrainSeconds / one.Rounds)
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]A round took {many.TrainSeconds / many.Rounds / (one.TrainSeconds / one.Rounds):0.00}x as long to train with {trainers} trainers: they compete for cores (with each other, the other services, and whatever else runs here).[/]"));
    }

    /// <summary>
    /// Where the machine's cores went during each timed campaign, and what that allows: with the rest of the suite
    /// using what it used beside N trainers, and each trainer as busy as the single one was, the speed-up can be at most
    /// the cores left to the trainers over the cores the single trainer used.
    /// </summary>
    private static void PrintCores(IReadOnlyList<ScaleOutPhase> phases)
    {
        if (phases.Any(p => p.Cores is null))
        {
            AnsiConsole.MarkupLine("[grey]Cores per service: not measured (this machine has no readable /proc).[/]");
            return;
        }
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("trainers").RightAligned());
        foreach (var (part, _) in phases[0].Cores!) table.AddColumn(new TableColumn(part).RightAligned());
        table.AddColumn(new TableColumn("trainer CPU s/round").RightAligned());
        foreach (ScaleOutPhase p in phases)
            table.AddRow([F(p.Trainers, "0"), .. p.Cores!.Select(c => F(c.Cores, "0.00")), F(p.TrainerCpuSeconds!.Value / p.Rounds, "0.00")]);
        AnsiConsole.MarkupLine("Cores in use over each run's span (CPU seconds over wall seconds, from /proc; the rest: this benchmark, the kernel, anything else):");
        AnsiConsole.Write(table);
        ScaleOutPhase one = phases[0], many = phases[^1];
        double machine = many.Cores!.Sum(c => c.Cores);
        double others = many.Cores!.Where(c => c.Part != ProcessSuite.TrainersPart && c.Part != CoreUse.Idle).Sum(c => c.Cores);
        double single = one.Cores!.First(c => c.Part == ProcessSuite.TrainersPart).Cores;
        if (single <= 0) return;
        double bound = Math.Min(many.Trainers, (machine - others) / single);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]With {many.Trainers} trainers the rest used {others:0.00} of {machine:0.00} cores, leaving the trainers at most {machine - others:0.00}; " +
            $"the single trainer used {single:0.00}. At that rate per trainer the speed-up could be at most {bound:0.00}x.[/]"));
    }

    /// <summary>The 1-minute load average (Linux), to say how busy the machine was; "?" elsewhere.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

/// <summary>One run of the scale-out benchmark: its times and each trainer's share.</summary>
public sealed record ScaleOutPhase(int Trainers, int Rounds, double CampaignSeconds, double RoundsSeconds, double TrainSeconds, double EvalSeconds,
    double WithoutWork, IReadOnlyList<TrainerShare> PerTrainer)
{
    /// <summary>Average cores each part of the machine used over the span (null where /proc cannot be read).</summary>
    public IReadOnlyList<(string Part, double Cores)>? Cores { get; init; }

    /// <summary>CPU seconds the trainer processes used over the span (all their threads).</summary>
    public double? TrainerCpuSeconds { get; init; }

    /// <summary>The share of the trainers' time over the span spent training.</summary>
    public double Training => TrainSeconds / (Trainers * RoundsSeconds);

    /// <summary>The share neither training nor without a round: the trainers' own overhead, or time the machine did not run them.</summary>
    public double Other => Math.Max(0, 1 - Training - WithoutWork);
}

/// <summary>The rounds one trainer trained and its training seconds.</summary>
public sealed record TrainerShare(string Worker, int Rounds, double TrainSeconds);
