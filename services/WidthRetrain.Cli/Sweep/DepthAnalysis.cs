using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Sweep;

/// <summary>
/// The width curve of one depth: forgetting (both normalisations) fitted against width, and the relative weight
/// change fitted against width, whose power-law exponent estimates the paper's lazy-training beta. Every seed is a point.
/// <see cref="Trend"/> tests the paper's forgetting against a flat line; <see cref="Ranking"/> tests the least-forgetting
/// width against the others, paired by seed.
/// </summary>
public sealed record DepthAnalysis(int Depth, WidthCurveFit? ForgettingPaper, WidthCurveFit? ForgettingChaudhry, WidthCurveFit? WeightChange)
{
    public WidthTrend? Trend { get; init; }

    public WidthRanking? Ranking { get; init; }

    public static IReadOnlyList<DepthAnalysis> Of(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => r.Spec.Model.HiddenLayers).OrderBy(g => g.Key)
            .Select(g => new DepthAnalysis(g.Key,
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width, (double?)r.Metrics.ForgettingPaper))),
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width, r.Metrics.ForgettingChaudhry))),
                FitOrNull(g.Select(r => ((double)r.Spec.Model.Width,
                    r.WeightChange.Length > 1 ? (double?)r.WeightChange.Skip(1).SelectMany(x => x).Average() : null))))
            {
                Trend = WidthTrend.Of([.. g.Where(r => double.IsFinite(r.Metrics.ForgettingPaper)).Select(r => new WidthCurvePoint(r.Spec.Model.Width, r.Metrics.ForgettingPaper))]),
                Ranking = WidthRanking.Of([.. g.GroupBy(r => r.Spec.Model.Width).OrderBy(w => w.Key)
                    .Select(w => new ArmSeedValues($"w{w.Key}", w.Key, w.GroupBy(r => r.Spec.Seed).ToDictionary(s => s.Key, s => s.Last().Metrics.ForgettingPaper)))]),
            })
            .ToArray();

    /// <summary>Null when fewer than two widths have a defined value (nothing to fit).</summary>
    private static WidthCurveFit? FitOrNull(IEnumerable<(double Width, double? Value)> points)
    {
        WidthCurvePoint[] p = points.Where(x => x.Value is not null && double.IsFinite(x.Value.Value))
            .Select(x => new WidthCurvePoint(x.Width, x.Value!.Value)).ToArray();
        return p.Select(x => x.Width).Distinct().Count() < 2 ? null : WidthCurveFitter.Fit(p);
    }
}
