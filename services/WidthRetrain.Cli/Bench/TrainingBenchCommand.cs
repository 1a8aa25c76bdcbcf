using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Learning;

namespace WidthRetrain.Cli.Bench;

/// <summary>`widthretrain bench training`: prints training throughput and GFLOP/s per width and batch beside libtorch's matmul.</summary>
public sealed class TrainingBenchCommand : Command<TrainingBenchSettings>
{
    public override int Execute(CommandContext context, TrainingBenchSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> widths = ListOption.Ints("--widths", settings.Widths);
        IReadOnlyList<int> batches = ListOption.Ints("--batches", settings.Batches);
        if (widths.Count == 0 || widths.Any(w => w < 1)) throw new ArgumentException("--widths: give widths of at least 1");
        if (batches.Count == 0 || batches.Any(b => b < 1)) throw new ArgumentException("--batches: give batch sizes of at least 1");
        if (settings.Group is < 1 or > 64) throw new ArgumentException($"--group: must be 1 to 64 models, got {settings.Group}");
        if (settings.Repeats < 1) throw new ArgumentException($"--repeats: must be at least 1, got {settings.Repeats}");
        if (!(settings.Seconds > 0)) throw new ArgumentException($"--seconds: must be positive, got {settings.Seconds}");
        if (settings.Threads is < 1) throw new ArgumentException($"--threads: must be at least 1, got {settings.Threads}");
        TorchRuntime.Configure(settings.Threads);

        double square = TrainingBenchmark.SquareMatmulGflops(1024, settings.Seconds);
        AnsiConsole.MarkupLineInterpolated($"[bold]Training benchmark[/]: MLP 784-W-10 x {settings.Depth} hidden layer(s), plain SGD, {Environment.ProcessorCount} cores, {(settings.Threads is { } n ? $"{n} threads" : "threads as the product uses them")}; median of {settings.Repeats}");
        AnsiConsole.MarkupLineInterpolated($"libtorch matmul 1024x1024x1024: {square:0.0} GFLOP/s (this machine's square-matmul reference)");

        var points = new List<BenchPoint>();
        foreach (int batch in batches)
            foreach (int width in widths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                BenchPoint p = TrainingBenchmark.Measure(width, settings.Depth, batch, settings.Group, settings.Seconds, settings.Repeats, settings.Threads);
                points.Add(p);
                AnsiConsole.MarkupLineInterpolated($"[grey]measured width {width} batch {batch}: alone {p.TrainerGflops:0.0} GFLOP/s, group of {p.Group} {p.GroupGflops:0.0} GFLOP/s[/]");
            }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns(new[] { "width", "batch", "params", "threads trainer/modules", "samples/s modules", "samples/s alone", $"samples/s group of {settings.Group}", "group speed-up",
                "GFLOP/s alone", "GFLOP/s group", "matmul GFLOP/s", "% matmul alone", "% matmul group", "alone/bare", "tensor growth" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        foreach (BenchPoint p in points)
            table.AddRow(p.Width.ToString(), p.Batch.ToString(), Format.Count(p.Parameters), $"{p.Threads}/{p.ModulesThreads}", Format.Count((long)p.ModulesSamplesPerSecond),
                Format.Count((long)p.TrainerSamplesPerSecond), Format.Count((long)p.GroupSamplesPerSecond), $"{p.GroupSpeedup:0.00}x",
                p.TrainerGflops.ToString("0.0"), p.GroupGflops.ToString("0.0"), p.MatmulGflops.ToString("0.0"),
                (100 * p.FractionOfMatmul).ToString("0"), (100 * p.GroupFractionOfMatmul).ToString("0"), p.OverheadRatio.ToString("0.00"),
                p.LiveTensorGrowth.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]modules: one model on TorchSharp's Linear modules and SGD (the trainer before sibling groups, on all cores unless --threads); alone: the trainer with one model; " +
                               "group: the trainer with that many sibling models stacked, samples/s summed over them; matmul: the same shapes' matrix products alone, same run.[/]");

        // The targets of the learning core, printed as verdicts (a benchmark informs; it does not fail the build).
        foreach (BenchPoint p in points.Where(p => p.Width >= 1024 && p.Batch == 256))
            Verdict($"width {p.Width} batch 256: training at {100 * p.FractionOfMatmul:0}% of same-shape matmul GFLOP/s (target >= 70%)", p.FractionOfMatmul >= 0.7);
        foreach (BenchPoint p in points.Where(p => p.Batch == 32))
            Verdict($"width {p.Width} batch 32: trainer step {p.OverheadRatio:0.00}x the bare loop's (target <= 1.20x)", p.OverheadRatio <= 1.2);
        foreach (BenchPoint p in points.Where(p => p.Width == 32 && p.Batch == 32 && p.Group == 3))
            Verdict($"width 32 batch 32, 3 siblings: {p.GroupSpeedup:0.00}x the samples/s of one model on modules (target >= 3x)", p.GroupSpeedup >= 3);

        if (settings.Json is { } json)
        {
            SweepCommand.WriteAllTextCreatingFolder(json, JsonSerializer.Serialize(new { squareMatmulGflops = square, threads = settings.Threads, points }, Json.Options));
            AnsiConsole.MarkupLineInterpolated($"Figures written to [blue]{json}[/]");
        }
        return 0;
    }

    private static void Verdict(string text, bool met) =>
        AnsiConsole.MarkupLine($"{(met ? "[green]met[/]   " : "[red]missed[/]")} {Markup.Escape(text)}");
}
