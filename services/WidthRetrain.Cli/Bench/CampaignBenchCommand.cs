using System.Diagnostics;
using System.Globalization;
using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Campaigns;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Learning;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// `widthretrain bench campaign`: runs a campaign exactly as `run` does (the README's demo with the demo's files) and
/// prints its wall time against its FLOP-bound limit: the analytic FLOPs of every round's training and evaluation at
/// this machine's matrix-product rate, measured in the same run just before and after the campaign.
/// </summary>
public sealed class CampaignBenchCommand : AsyncCommand<RunSettings>
{
    private const int Square = 1024;

    private const string ThisProcess = "the suite (this process)";

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        CampaignSpec spec = settings.ToSpec();
        CampaignLimits limits = settings.Limits(CampaignLimits.From(Suite.Configuration()));
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(spec, limits);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems));
        // The reference runs on as many threads as the suite's compute thread will.
        TorchRuntime.Configure(settings.Threads);
        double before = TrainingBenchmark.SquareMatmulGflops(Square, 3);
        AnsiConsole.MarkupLineInterpolated($"libtorch matmul {Square}x{Square}x{Square} before the campaign: {before:0.0} GFLOP/s on {TorchRuntime.Threads} threads");

        var id = NewId.NextGuid();
        (string, int)[] suite = [(ThisProcess, Environment.ProcessId)];
        CoreSample? coresBefore = CoreUse.Take(suite);
        var clock = Stopwatch.StartNew();
        int code = await CampaignSession.RunAsync(settings, id, new StartCampaign(id, spec),
            $"[bold]Benchmark campaign {id}[/] '{Markup.Escape(spec.Name)}'", cancellationToken, new Dictionary<string, string?>
            {
                ["Limits:MaxHours"] = limits.MaxHours.ToString(CultureInfo.InvariantCulture),
                ["Limits:MaxModelMemoryGiB"] = limits.MaxModelMemoryGiB.ToString(CultureInfo.InvariantCulture),
                ["Limits:MaxCheckpointGiB"] = limits.MaxCheckpointGiB.ToString(CultureInfo.InvariantCulture),
            });
        double wall = clock.Elapsed.TotalSeconds;
        CoreSample? coresAfter = CoreUse.Take(suite);
        if (code != 0) return code;

        TorchRuntime.Configure(settings.Threads);
        double after = TrainingBenchmark.SquareMatmulGflops(Square, 3);
        double rate = Math.Max(before, after);

        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        await using IQuerySession q = store.QuerySession();
        var events = await q.Events.FetchStreamAsync(id, token: cancellationToken);
        double preparation = (events.First(e => e.Data is StageStarted).Timestamp - events[0].Timestamp).TotalSeconds;
        var rounds = await q.Events.QueryRawEventDataOnly<RoundEvaluated>().Where(e => e.Round.CampaignId == id).ToListAsync(cancellationToken);
        // A redelivered round may be recorded once but evaluated twice: count each round once.
        var distinct = rounds.GroupBy(r => r.Round.RoundId).Select(g => g.First()).ToArray();
        double trainFlops = distinct.Sum(r => r.Training.Flops), evalFlops = distinct.Sum(r => r.EvalFlops);
        double trainSeconds = distinct.Sum(r => r.Training.DeviceSeconds), evalSeconds = distinct.Sum(r => r.EvalDeviceSeconds);
        double limit = (trainFlops + evalFlops) / (rate * 1e9);
        double computeWall = wall - preparation;

        var table = new Table().Border(TableBorder.Rounded).AddColumns("measure", "value");
        table.AddRow("rounds", distinct.Length.ToString(CultureInfo.InvariantCulture));
        table.AddRow("training FLOPs (analytic)", $"{trainFlops / 1e12:0.000} TFLOP");
        table.AddRow("evaluation FLOPs (analytic)", $"{evalFlops / 1e12:0.000} TFLOP");
        table.AddRow("matmul rate (best of before/after)", $"{rate:0.0} GFLOP/s ({before:0.0} / {after:0.0})");
        table.AddRow("FLOP-bound limit", $"{limit:0.0} s");
        table.AddRow("wall time", $"{wall:0.0} s");
        table.AddRow("  of which task preparation", $"{preparation:0.0} s (loading, materialising and hashing the tasks)");
        table.AddRow("  rounds' training / evaluation", $"{trainSeconds:0.0} s / {evalSeconds:0.0} s (device seconds, groups shared)");
        if (coresBefore is not null && coresAfter is not null)
            table.AddRow($"cores in use (of {Environment.ProcessorCount})", string.Join(", ",
                CoreUse.Between(coresBefore, coresAfter, wall, [ThisProcess, CoreUse.Database, CoreUse.Broker]).Select(c => $"{c.Part} {c.Cores:0.00}")));
        table.AddRow("wall / limit", $"{wall / limit:0.00}x");
        table.AddRow("wall after preparation / limit", $"{computeWall / limit:0.00}x");
        AnsiConsole.Write(table);
        bool met = wall / limit <= 1.5;
        AnsiConsole.MarkupLine($"{(met ? "[green]met[/]   " : "[red]missed[/]")} campaign wall time {wall / limit:0.00}x its FLOP-bound limit (target <= 1.50x, aim 1.30x)");
        return 0;
    }
}
