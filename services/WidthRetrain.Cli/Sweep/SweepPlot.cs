using ScottPlot;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>PNG of a sweep: forgetting (with the fitted power law) and accuracy against width on a log2 axis, per depth.</summary>
public static class SweepPlot
{
    public static void Save(SweepResult result, IReadOnlyList<DepthAnalysis> analysis, string path)
    {
        var forgetting = new Plot();
        var accuracy = new Plot();
        int[] widths = result.Summary.Select(s => s.Width).Distinct().Order().ToArray();
        foreach (var depth in result.Summary.GroupBy(s => s.Depth))
        {
            WidthSummary[] rows = depth.OrderBy(s => s.Width).ToArray();
            double[] x = rows.Select(s => Math.Log2(s.Width)).ToArray();
            string suffix = result.Spec.Depths.Count > 1 ? $" (depth {depth.Key})" : "";
            AddSeries(forgetting, x, rows.Select(s => s.ForgettingPaper).ToArray(), "forgetting (paper)" + suffix);
            if (rows.All(s => s.ForgettingChaudhry is not null))
                AddSeries(forgetting, x, rows.Select(s => s.ForgettingChaudhry!).ToArray(), "forgetting (Chaudhry)" + suffix);
            // A fitted line only where it beats a flat line (see StatisticsText.Trend); in points, like the data.
            if (analysis.FirstOrDefault(a => a.Depth == depth.Key)?.Trend is { Shown: { } law } trend)
            {
                double[] fx = Enumerable.Range(0, 50).Select(i => x[0] + (x[^1] - x[0]) * i / 49.0).ToArray();
                var line = forgetting.Add.ScatterLine(fx, fx.Select(v => 100 * law(Math.Pow(2, v))).ToArray());
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = trend.PowerLawBeatsFlat ? $"fit: {StatisticsText.PowerLaw(trend.PowerLaw!)}{suffix}"
                    : $"fit: {StatisticsText.Trend(trend)[0]}{suffix}";
            }
            AddSeries(accuracy, x, rows.Select(s => s.AverageAccuracy).ToArray(), "average accuracy (AA)" + suffix);
            AddSeries(accuracy, x, rows.Select(s => s.LearningAccuracy).ToArray(), "learning accuracy (LA)" + suffix);
        }
        WidthPlots.Style(forgetting, $"Forgetting vs width ({result.Spec.Scenario.Kind}, {result.Spec.Dataset.Name})", "forgetting (% points)", widths, Alignment.UpperRight);
        WidthPlots.Style(accuracy, $"Accuracy vs width ({result.TaskDescriptions.Count} tasks, {result.Spec.Seeds.Count} seed(s))", "accuracy (%)", widths, Alignment.LowerRight);
        WidthPlots.SavePair(forgetting, accuracy, path);
    }

    private static void AddSeries(Plot plot, double[] x, Statistic[] stats, string label) =>
        WidthPlots.AddSeries(plot, x, stats.Select(s => 100 * s.Mean).ToArray(), stats.Select(s => 100 * s.Std).ToArray(), label);
}
