using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Learning;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>`widthretrain sweep`: runs the protocol for every width, shows progress, prints the table and the fit.</summary>
public sealed class SweepCommand : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        SweepSpec spec = settings.ToSpec();
        if (settings.Threads is < 1) throw new ArgumentException($"--threads: must be at least 1, got {settings.Threads}");
        PrintHeader(spec, settings.Threads);

        SweepResult result = RunWithProgress(spec, settings.Threads, cancellationToken);
        IReadOnlyList<DepthAnalysis> analysis = DepthAnalysis.Of(result.Runs);

        SweepTables.Print(result, analysis);
        if (settings.Json is { } json)
        {
            WriteAllTextCreatingFolder(json, JsonSerializer.Serialize(new SweepReport(SweepReport.ToolName, result, analysis), Json.Options));
            AnsiConsole.MarkupLineInterpolated($"Full result written to [blue]{json}[/]");
        }
        if (settings.Plot is { } plot)
        {
            SweepPlot.Save(result, analysis, plot);
            AnsiConsole.MarkupLineInterpolated($"Plot written to [blue]{plot}[/]");
        }
        return 0;
    }

    private static void PrintHeader(SweepSpec spec, int? threads)
    {
        var t = spec.Training;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]Width sweep[/]: {spec.Dataset.Name} ({spec.Dataset.TrainLimit?.ToString() ?? "all"} train / {spec.Dataset.TestLimit?.ToString() ?? "all"} test), {spec.Scenario.Kind} x {DriftScenarios.Normalised(spec.Scenario).Tasks} tasks");
        AnsiConsole.MarkupLineInterpolated(
            $"widths {string.Join(",", spec.Widths)}; depths {string.Join(",", spec.Depths)}; seeds {string.Join(",", spec.Seeds)}; {t.Optimizer} lr {t.LearningRate} batch {t.BatchSize} x {t.EpochsPerTask} epochs; replay {t.ReplayPerTask}; lr-decay {t.LearningRateDecayPerTask}; {Threads(threads)}");
    }

    private static string Threads(int? threads) => threads is { } n ? $"{n} threads"
        : $"1 thread up to {TorchRuntime.OneThreadUpTo:N0} parameters, {Environment.ProcessorCount} above";

    private static SweepResult RunWithProgress(SweepSpec spec, int? threads, CancellationToken cancel)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs and CI: one line per finished task instead of a live display.
            return SweepRunner.Run(spec, p =>
            {
                if (p.Current.Phase == "evaluating")
                    Console.WriteLine($"[run {Runs(p)}/{p.Runs}] width {p.Current.Spec.Model.Width} depth {p.Current.Spec.Model.HiddenLayers} {Seeds(p)}: task {p.Current.TaskIndex + 1}/{p.Current.TaskCount} trained");
            }, cancel, threads);
        }

        SweepResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var overall = ctx.AddTask("[bold]all runs[/]", maxValue: spec.Seeds.Count * spec.Depths.Count * spec.Widths.Count);
                ProgressTask? current = null;
                int currentRun = 0;
                result = SweepRunner.Run(spec, p =>
                {
                    if (p.Run != currentRun)
                    {
                        current?.StopTask();
                        currentRun = p.Run;
                        var m = p.Current.Spec.Model;
                        current = ctx.AddTask($"width {m.Width,5} depth {m.HiddenLayers} {Seeds(p)}", maxValue: p.Current.TaskCount);
                        overall.Value = p.Run - 1;
                    }
                    if (current is null) return;
                    var tp = p.Current.Training;
                    current.Value = p.Current.TaskIndex + (tp is null ? (p.Current.Phase == "evaluating" ? 1 : 0) : (double)tp.StepsDone / tp.StepsTotal);
                    current.Description = $"width {p.Current.Spec.Model.Width,5} depth {p.Current.Spec.Model.HiddenLayers} {Seeds(p)}: task {p.Current.TaskIndex + 1}/{p.Current.TaskCount} {p.Current.Phase}";
                }, cancel, threads);
                current?.StopTask();
                overall.Value = overall.MaxValue;
            });
        return result!;
    }

    // Seeds of a model are trained together as one group: progress names them all.
    private static string Seeds(SweepProgress p) => p.Seeds.Count == 1 ? $"seed {p.Seeds[0]}" : $"seeds {string.Join(",", p.Seeds)}";

    private static string Runs(SweepProgress p) => p.Seeds.Count == 1 ? $"{p.Run}" : $"{p.Run}-{p.Run + p.Seeds.Count - 1}";

    internal static void WriteAllTextCreatingFolder(string path, string text)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
    }
}
