using ScottPlot;

namespace WidthRetrain.Cli.Shared;

/// <summary>What every against-width plot shares: a log2 width axis labelled with the widths, and series with error bars.</summary>
public static class WidthPlots
{
    /// <summary>Adds a series in percent; <paramref name="errors"/> (percent) are drawn as bars when any is non-zero.</summary>
    public static void AddSeries(Plot plot, double[] log2Widths, double[] percent, double[] errors, string label)
    {
        var scatter = plot.Add.Scatter(log2Widths, percent);
        scatter.LegendText = label;
        scatter.MarkerSize = 7;
        if (errors.Any(e => e > 0))
        {
            var bars = plot.Add.ErrorBar(log2Widths, percent, errors);
            bars.Color = scatter.Color;
        }
    }

    public static void Style(Plot plot, string title, string yLabel, IReadOnlyList<int> widths, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel("hidden width (log2 scale)");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.SetTicks(widths.Select(w => Math.Log2(w)).ToArray(), widths.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(legend);
    }

    /// <summary>Two plots side by side in one PNG.</summary>
    public static void SavePair(Plot left, Plot right, string path)
    {
        var multiplot = new Multiplot(left); // the constructor's plot is the first subplot
        multiplot.Subplots.Add(right);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        multiplot.SavePng(path, 1400, 560);
    }
}
