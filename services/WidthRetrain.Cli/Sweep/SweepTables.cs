using Spectre.Console;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>The console report of a sweep: one row per width, then the fitted width curve per depth.</summary>
public static class SweepTables
{
    private static readonly string[] Headers =
        ["width", "depth", "params", "AA", "F paper", "F Chaudhry", "LA", "BWT", "FWT", "drift", "train s", "samples/s"];

    private static readonly string[] Essential = ["width", "depth", "AA", "F paper", "F Chaudhry", "LA"];

    public static void Print(SweepResult result, IReadOnlyList<DepthAnalysis> analysis)
    {
        // The essential columns fit 80; the others are shown when the terminal has room (all of them are in --json).
        var table = new FittedTable
        {
            Title = $"{result.Spec.Scenario.Kind} on {result.Spec.Dataset.Name}: {result.TaskDescriptions.Count} tasks, {Format.Count(result.TrainSamplesPerTask)} train / {Format.Count(result.TestSamplesPerTask)} test samples per task (accuracies in %)",
        };
        foreach (string h in Headers) table.Column(h, essential: Essential.Contains(h));
        foreach (WidthSummary s in result.Summary)
        {
            table.Row(s.Width.ToString(), s.Depth.ToString(), Format.Count(s.Parameters), Format.Percent(s.AverageAccuracy),
                Format.Percent(s.ForgettingPaper), Format.Percent(s.ForgettingChaudhry), Format.Percent(s.LearningAccuracy),
                Format.Percent(s.BackwardTransfer), Format.Percent(s.ForwardTransfer), Format.Number(s.FunctionalDrift),
                Format.Number(s.TrainSeconds, "0.0"), Format.Count((long)s.SamplesPerSecond));
        }
        AnsiConsole.Write(table.Build(Terminal.Width));
        if (table.Left.Count > 0) AnsiConsole.MarkupLineInterpolated($"[grey]Left out at this width: {string.Join(", ", table.Left)} (all in --json FILE).[/]");
        AnsiConsole.MarkupLine("[grey]AA: final average accuracy. F paper: mean over all T tasks of best minus final accuracy (the paper's code). F Chaudhry: the same over the first T-1 tasks, best taken before the last task. LA: accuracy on each task right after learning it. BWT/FWT: backward/forward transfer. drift: mean L2 change of old tasks' outputs by the end.[/]");

        foreach (DepthAnalysis a in analysis)
            PrintFit(a, result.Spec.Seeds.Count);
    }

    private static void PrintFit(DepthAnalysis a, int seeds)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLineInterpolated($"[bold]Depth {a.Depth}: forgetting (paper, pts) against width[/] ({seeds} seed(s) per width, every seed a point)");
        if (a.Trend is not { Widths: >= 2 } t)
        {
            AnsiConsole.MarkupLine("  (one width only: nothing to fit)");
            return;
        }
        foreach (string line in StatisticsText.Trend(t)) AnsiConsole.MarkupLineInterpolated($"  {line}");
        var steps = new Table().Border(TableBorder.Simple).AddColumns("step", "doublings", "change in forgetting per doubling (pts) [[95% interval]]");
        foreach (StepChange s in t.Steps)
            steps.AddRow($"{s.FromWidth} -> {s.ToWidth}", Format.Number(Math.Log2(s.ToWidth / s.FromWidth), "0.##"), Markup.Escape(StatisticsText.Step(s)));
        AnsiConsole.Write(steps);
        AnsiConsole.MarkupLineInterpolated($"  {StatisticsText.DiminishingReturns(t)}");
        if (a.Ranking is { Best: not null } r) AnsiConsole.MarkupLineInterpolated($"  least forgetting: {StatisticsText.Ranking(r)}");
        if (a.WeightChange?.PowerLawExponent is { } beta)
            AnsiConsole.MarkupLineInterpolated($"  lazy training: relative weight change ~ W^{StatisticsText.Exponent(-beta)} (beta estimate {beta:0.000}), R² {Format.Number(a.WeightChange.PowerLawRSquared, "0.000")}");
    }
}
