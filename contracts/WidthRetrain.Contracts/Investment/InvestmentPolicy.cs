using System.Text.Json.Serialization;

namespace WidthRetrain.Contracts.Investment;

/// <summary>
/// How a campaign invests in width. Versioned: a decision records the name and version of the policy that made it,
/// and replay refuses to call a decision identical under another version.
/// </summary>
/// <param name="Name">The policy's name (the planner knows "staged-widening").</param>
/// <param name="Version">The policy's version (staged-widening: 1 stops when a width step is not significant, 2 pilots the levers first); replay compares decisions only under the same name and version.</param>
/// <param name="StartWidth">The first incumbent.</param>
/// <param name="GrowthFactor">Each candidate is the incumbent's width times this (rounded), e.g. 2.</param>
/// <param name="CapWidth">No candidate beyond this width.</param>
/// <param name="MinimumGain">Smallest forgetting reduction (a fraction, 0.005 = half a point) worth a wider model.</param>
/// <param name="ReturnThreshold">Smallest forgetting reduction per unit of extra cost, in <paramref name="ReturnUnit"/>.</param>
/// <param name="Confidence">Two-sided confidence of the paired interval that must exclude 0 for a gain to be significant.</param>
/// <param name="Budget">Most the campaign may spend (currency); a stage whose forecast cost does not fit is not started.</param>
/// <param name="TargetForgetting">Stop once the incumbent forgets at most this much (fraction); null = no target.</param>
/// <param name="ServingMillionsPerCycle">Predictions served per retraining cycle (millions), to weigh the wider model's serving cost.</param>
/// <param name="Levers">Levers to pilot at the current width once widening stops for diminishing returns, in order.</param>
/// <param name="UseForecast">Skip a stage whose forecast return (from the fitted width curve) is below the threshold.</param>
/// <param name="ReturnUnit">
/// The unit of every return and of <paramref name="ReturnThreshold"/>: <see cref="PointsPerThousand"/> (percentage
/// points of forgetting avoided per 1000 of the price book's currency), or, when null or <see cref="FractionPerCurrency"/>,
/// the fraction of forgetting per currency unit (what every policy recorded before this field meant).
/// </param>
public sealed record InvestmentPolicy(
    string Name = "staged-widening",
    int Version = 2,
    int StartWidth = 32,
    double GrowthFactor = 2,
    int CapWidth = 4096,
    double MinimumGain = 0.005,
    double ReturnThreshold = 1.0,
    double Confidence = 0.95,
    double? Budget = null,
    double? TargetForgetting = null,
    double ServingMillionsPerCycle = 0,
    IReadOnlyList<LeverOption>? Levers = null,
    bool UseForecast = true,
    // Omitted when null: the policies recorded before this field existed keep their content, and so their hash.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReturnUnit = null)
{
    /// <summary>Forgetting as a fraction per currency unit: the unit of every policy recorded before units were named.</summary>
    public const string FractionPerCurrency = "fraction-per-currency";

    /// <summary>Percentage points of forgetting avoided per 1000 of the currency: readable at production prices.</summary>
    public const string PointsPerThousand = "points-per-1000";

    /// <summary>What turns a gain (a fraction) per currency unit into <see cref="ReturnUnit"/>: 1, or 100 points × 1000.</summary>
    [JsonIgnore]
    public double ReturnScale => ReturnUnit == PointsPerThousand ? 100_000 : 1;
}
