using System.Globalization;
using ScottPlot;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// The report's three plots as PNG files: forgetting and accuracy against width with the fitted curve, the return per
/// unit of cost per stage, and the chosen arm's accuracy matrix as a heat map.
/// </summary>
public static class ReportPlots
{
    public const string WidthCurveFile = "width-curve.png";
    public const string ReturnFile = "return-per-stage.png";
    public const string AccuracyMatrixFile = "accuracy-matrix.png";

    /// <summary>Whether there is a return to draw: a campaign of fixed widths has no stage comparing two widths, and gets no empty chart.</summary>
    public static bool HasReturns(DecisionReportModel model) => model.Stages.Count > 0;

    /// <summary>Writes the plots into <paramref name="folder"/>; returns their file names.</summary>
    public static IReadOnlyList<string> Save(DecisionReportModel model, string folder)
    {
        WidthCurve(model, Path.Combine(folder, WidthCurveFile));
        string returns = Path.Combine(folder, ReturnFile);
        if (HasReturns(model)) Returns(model, returns);
        else File.Delete(returns); // a report written again into the same folder must not keep a stale chart
        AccuracyMatrix(model, Path.Combine(folder, AccuracyMatrixFile));
        return HasReturns(model) ? [WidthCurveFile, ReturnFile, AccuracyMatrixFile] : [WidthCurveFile, AccuracyMatrixFile];
    }

    private static void WidthCurve(DecisionReportModel model, string path)
    {
        var arms = model.WidthArms.Select(a => a.Evidence).ToArray();
        var plot = new Plot();
        double[] x = arms.Select(a => Math.Log2(a.Width)).ToArray();
        var f = plot.Add.Scatter(x, arms.Select(a => 100 * a.Forgetting.Mean).ToArray());
        f.LegendText = "forgetting (paper)";
        var aa = plot.Add.Scatter(x, arms.Select(a => 100 * a.AverageAccuracy.Mean).ToArray());
        aa.LegendText = "average accuracy";
        // A fitted line only where it beats a flat line; otherwise the points speak for themselves.
        if (x.Length > 1 && model.Trend?.Shown is { } law)
        {
            double[] fx = Enumerable.Range(0, 40).Select(i => x[0] + (x[^1] + 1 - x[0]) * i / 39.0).ToArray();
            var line = plot.Add.ScatterLine(fx, fx.Select(v => 100 * law(Math.Pow(2, v))).ToArray());
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = model.Trend.PowerLawBeatsFlat ? "fit: power law with offset" : "fit: log-linear";
        }
        plot.Axes.Bottom.SetTicks(x, arms.Select(a => a.Width.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Forgetting and accuracy against width");
        plot.XLabel("hidden width (log2 scale)");
        plot.YLabel("% (forgetting: pts)");
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(path, 900, 560);
    }

    private static void Returns(DecisionReportModel model, string path)
    {
        var stages = model.Stages;
        var plot = new Plot();
        double[] values = stages.Select(s => double.IsPositiveInfinity(s.Comparison.ReturnPerCost) ? 0 : s.Comparison.ReturnPerCost).ToArray();
        plot.Add.Bars(stages.Select(s => (double)s.Stage).ToArray(), values);
        plot.Axes.Bottom.SetTicks(stages.Select(s => (double)s.Stage).ToArray(), stages.Select(s => $"{s.Stage}: {s.Comparison.CandidateArm}").ToArray());
        if (model.ReturnThreshold is { } t)
        {
            var line = plot.Add.HorizontalLine(t);
            line.LegendText = "threshold";
            plot.ShowLegend();
        }
        string unit = NumberText.ReturnUnit(model.Policy?.ReturnUnit, model.Summary.Currency);
        plot.Title($"Return per stage: forgetting avoided / extra cost ({unit})");
        plot.XLabel("stage: candidate");
        plot.YLabel($"return ({unit})");
        plot.SavePng(path, 900, 500);
    }

    private static void AccuracyMatrix(DecisionReportModel model, string path)
    {
        double[,] mean = model.ChosenAccuracy;
        int t = mean.GetLength(0);
        var plot = new Plot();
        var hm = plot.Add.Heatmap(mean);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(hm);
        // The heat map draws row 0 at the top: label the cells with task numbers, not coordinates.
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, t).Select(j => (double)j).ToArray(), Enumerable.Range(1, t).Select(j => $"task {j}").ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, t).Select(y => (double)y).ToArray(), Enumerable.Range(0, t).Select(y => $"after {t - y}").ToArray());
        plot.Title($"Accuracy of {model.Chosen} (%, mean over seeds)");
        plot.XLabel("evaluated on");
        plot.YLabel("after training task");
        plot.SavePng(path, 700, 600);
    }
}
