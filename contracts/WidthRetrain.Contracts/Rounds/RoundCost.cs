namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// The price of one round from a price book: device cost of training and evaluation, energy, CO2, and the
/// projected serving cost of the arm's model per million predictions. Money is in the price book's currency.
/// </summary>
public sealed record RoundCost(
    double TrainingDeviceCost,
    double EvaluationDeviceCost,
    double EnergyKwh,
    double EnergyCost,
    double? Co2Grams,
    double Total,
    double ServingCostPerMillion,
    string Currency);
