namespace WidthRetrain.Contracts.Investment;

/// <summary>
/// The numbers a decision compared (fractions for forgetting, currency for cost). Gain = incumbent's forgetting minus
/// the candidate's (positive = the candidate forgets less), with its paired interval over seeds.
/// </summary>
public sealed record DecisionNumbers(
    double? Gain,
    double? GainLow,
    double? GainHigh,
    double? ExtraCost,
    double? ReturnPerCost,
    double MinimumGain,
    double ReturnThreshold,
    double Spent,
    double? Budget,
    double? ForecastGain,
    double? ForecastGainLow,
    double? ForecastGainHigh,
    double? ForecastCost);
