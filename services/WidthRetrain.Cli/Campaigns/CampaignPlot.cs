using ScottPlot;
using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>PNG of a campaign: forgetting and accuracy of each measured arm against width (log2 axis), with 95% intervals.</summary>
public static class CampaignPlot
{
    public static void Save(CampaignReport report, string path)
    {
        ArmEvidence[] arms = report.Evidence.Select(p => p.Evidence).OrderBy(e => e.Width).ToArray();
        double[] x = arms.Select(a => Math.Log2(a.Width)).ToArray();
        var forgetting = new Plot();
        Add(forgetting, x, arms.Select(a => a.Forgetting).ToArray(), "forgetting (paper)");
        var accuracy = new Plot();
        Add(accuracy, x, arms.Select(a => a.AverageAccuracy).ToArray(), "average accuracy (AA)");
        Add(accuracy, x, arms.Select(a => a.LearningAccuracy).ToArray(), "learning accuracy (LA)");
        foreach (var (plot, title, y) in new[] { (forgetting, "Forgetting vs width", "forgetting (% points)"), (accuracy, "Accuracy vs width", "accuracy (%)") })
        {
            plot.Title($"{title} — {report.Summary.Name}");
            plot.XLabel("hidden width (log2 scale)");
            plot.YLabel(y);
            plot.Axes.Bottom.SetTicks(x, arms.Select(a => a.Width.ToString()).ToArray());
            plot.ShowLegend(Alignment.LowerRight);
        }
        var multiplot = new Multiplot(forgetting);
        multiplot.Subplots.Add(accuracy);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        multiplot.SavePng(path, 1400, 560);
    }

    private static void Add(Plot plot, double[] x, Estimate[] e, string label)
    {
        double[] y = e.Select(v => 100 * v.Mean).ToArray();
        var s = plot.Add.Scatter(x, y);
        s.LegendText = label;
        s.MarkerSize = 7;
        if (e.Any(v => v.N > 1))
        {
            var bars = plot.Add.ErrorBar(x, y, e.Select(v => 100 * (v.High - v.Mean)).ToArray());
            bars.Color = s.Color;
        }
    }
}
