using WidthRetrain.Investment.Scaling;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>
/// The width curve of one depth: forgetting (both normalisations) fitted against width, and the relative weight
/// change fitted against width, whose power-law exponent estimates the paper's lazy-training beta.
/// </summary>
public sealed record DepthAnalysis(int Depth, WidthCurveFit? ForgettingPaper, WidthCurveFit? ForgettingChaudhry, WidthCurveFit? WeightChange)
{
    public static IReadOnlyList<DepthAnalysis> Of(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => r.Spec.Model.HiddenLayers).OrderBy(g => g.Key)
            .Select(g => new DepthAnalysis(g.Key,
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width, (double?)r.Metrics.ForgettingPaper))),
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width, r.Metrics.ForgettingChaudhry))),
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width,
                    r.WeightChange.Length > 1 ? (double?)r.WeightChange.Skip(1).SelectMany(x => x).Average() : null)))))
            .ToArray();

    /// <summary>Null when fewer than two widths have a defined value (nothing to fit).</summary>
    private static WidthCurveFit? FitOrNull(IEnumerable<(double Width, double? Value)> points)
    {
        WidthCurvePoint[] p = points.Where(x => x.Value is not null && double.IsFinite(x.Value.Value))
            .Select(x => new WidthCurvePoint(x.Width, x.Value!.Value)).ToArray();
        return p.Select(x => x.Width).Distinct().Count() < 2 ? null : WidthCurveFitter.Fit(p);
    }
}
