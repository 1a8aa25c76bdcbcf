using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Investment.Replay;

/// <summary>
/// What another policy would have decided on the recorded evidence, stage by stage, as far as that evidence reaches.
/// Where it would have gone somewhere never measured, <see cref="Divergence"/> says so and <see cref="Forecast"/> gives
/// the width curve's forecast for that step (a forecast, not a measurement).
/// </summary>
public sealed record CounterfactualPath(
    IReadOnlyList<InvestmentDecision> Decisions,
    int StagesUsed,
    double SpendOfStagesUsed,
    string? Divergence,
    WidthForecast? Forecast);
