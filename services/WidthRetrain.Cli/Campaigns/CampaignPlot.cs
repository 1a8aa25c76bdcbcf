using ScottPlot;
using WidthRetrain.Cli.Shared;
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
        int[] widths = arms.Select(a => a.Width).ToArray();
        WidthPlots.Style(forgetting, $"Forgetting vs width — {report.Summary.Name}", "forgetting (% points)", widths, Alignment.LowerRight);
        WidthPlots.Style(accuracy, $"Accuracy vs width — {report.Summary.Name}", "accuracy (%)", widths, Alignment.LowerRight);
        WidthPlots.SavePair(forgetting, accuracy, path);
    }

    private static void Add(Plot plot, double[] x, Estimate[] e, string label) =>
        WidthPlots.AddSeries(plot, x, e.Select(v => 100 * v.Mean).ToArray(), e.Select(v => 100 * (v.High - v.Mean)).ToArray(), label);
}
