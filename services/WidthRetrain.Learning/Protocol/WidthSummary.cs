namespace WidthRetrain.Learning.Protocol;

/// <summary>One (depth, width) of a sweep, aggregated over its seeds.</summary>
public sealed record WidthSummary(
    int Depth,
    int Width,
    long Parameters,
    int Seeds,
    Statistic AverageAccuracy,
    Statistic ForgettingPaper,
    Statistic? ForgettingChaudhry,
    Statistic LearningAccuracy,
    Statistic? BackwardTransfer,
    Statistic? ForwardTransfer,
    Statistic? FunctionalDrift,
    Statistic? MeanRelativeWeightChange,
    Statistic TrainSeconds,
    Statistic EvalSeconds,
    double SamplesPerSecond,
    double TrainGigaflopsPerSecond)
{
    public static IReadOnlyList<WidthSummary> Summarize(IEnumerable<RunResult> runs) =>
        runs.GroupBy(r => (r.Spec.Model.HiddenLayers, r.Spec.Model.Width))
            .OrderBy(g => g.Key.HiddenLayers).ThenBy(g => g.Key.Width)
            .Select(g => new WidthSummary(
                g.Key.HiddenLayers, g.Key.Width, g.First().Parameters, g.Count(),
                Statistic.Of(g.Select(r => (double?)r.Metrics.AverageAccuracy))!,
                Statistic.Of(g.Select(r => (double?)r.Metrics.ForgettingPaper))!,
                Statistic.Of(g.Select(r => r.Metrics.ForgettingChaudhry)),
                Statistic.Of(g.Select(r => (double?)r.Metrics.LearningAccuracy))!,
                Statistic.Of(g.Select(r => r.Metrics.BackwardTransfer)),
                Statistic.Of(g.Select(r => r.Metrics.ForwardTransfer)),
                Statistic.Of(g.Select(r => r.FinalFunctionalDrift)),
                // Tasks after the first: the change while adapting to drift, the quantity beta describes.
                Statistic.Of(g.Select(r => r.WeightChange.Length > 1 ? (double?)r.WeightChange.Skip(1).SelectMany(x => x).Average() : null)),
                Statistic.Of(g.Select(r => (double?)r.TrainSeconds))!,
                Statistic.Of(g.Select(r => (double?)r.EvalSeconds))!,
                g.Sum(r => (double)r.SamplesSeen) / g.Sum(r => r.TrainSeconds),
                g.Sum(r => r.TrainFlops) / g.Sum(r => r.TrainSeconds) / 1e9))
            .ToArray();
}
