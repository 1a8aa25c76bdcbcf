using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Cli.Replay;

/// <summary>A counterfactual as `replay --json` writes it: each stage's recorded decision beside the one the other policy or prices give.</summary>
/// <param name="PricesCurrency">The currency of the other price book; null when the recorded prices were kept.</param>
/// <param name="Forecast">The width curve's forecast for a step to something never measured (not a measurement).</param>
public sealed record ReplayCounterfactual(
    string Policy,
    string? PricesCurrency,
    IReadOnlyList<ReplayCounterfactualStage> Stages,
    int StagesUsed,
    int StagesRecorded,
    double SpendOfStagesUsed,
    double RecordedSpend,
    string? Divergence,
    WidthForecast? Forecast);
