using System.Globalization;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Statistics;

namespace WidthRetrain.Investment.Texts;

/// <summary>
/// How numbers read in explanations, tables and reports: fractions as percentages or percentage points, returns,
/// money. Invariant culture, so a recorded explanation reads the same on every machine.
/// </summary>
public static class NumberText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A fraction as a percentage with two decimals ("12.34"); "-" when absent.</summary>
    public static string Percent(double? fraction) => fraction is null ? "-" : (100 * fraction.Value).ToString("0.00", Inv);

    /// <summary>A fraction as percentage points ("12.34 pts"); "-" when absent.</summary>
    public static string Points(double? fraction) => fraction is null ? "-" : Percent(fraction) + " pts";

    /// <summary>An estimate in percent: the mean, with its interval when more than one seed gave it.</summary>
    public static string PercentInterval(Estimate? e) => e is null ? "-" : e.N > 1 ? $"{Percent(e.Mean)} [{Percent(e.Low)}, {Percent(e.High)}]" : Percent(e.Mean);

    /// <summary>
    /// An estimate in percent, its interval clipped to what the quantity allows by definition (<see cref="Bounds"/>):
    /// a Student-t interval of an accuracy near 100 % would otherwise run past 100.
    /// </summary>
    public static string PercentInterval(Estimate? e, Bounds bounds) => PercentInterval(bounds.Clip(e));

    /// <summary>A return per unit of cost; infinite when the step cost nothing more.</summary>
    public static string Return(double value) => double.IsPositiveInfinity(value) ? "unbounded" : value.ToString("0.###", Inv);

    /// <summary>A return with its unit: "1.7 pts per 1000 USD", "0.5 forgetting fraction per USD".</summary>
    public static string Return(double value, string? unit, string? currency = null) => $"{Return(value)} {ReturnUnit(unit, currency)}";

    /// <summary>The words for a policy's return unit (<see cref="InvestmentPolicy.ReturnUnit"/>), naming the currency when known.</summary>
    public static string ReturnUnit(string? unit, string? currency = null) => unit == InvestmentPolicy.PointsPerThousand
        ? $"pts per 1000 {currency ?? "spent"}"
        : $"forgetting fraction per {currency ?? "currency unit"}";

    /// <summary>
    /// An amount of money: to the cent with thousands separated from 1 up ("2,821.90", what a production price book
    /// gives), else as precise as recorded without trailing zeros ("0.000522", what the simulation's own prices give).
    /// </summary>
    public static string Money(double value) => Math.Abs(value) >= 1 ? value.ToString("#,0.00", Inv) : value.ToString("0.######", Inv);

    /// <summary>A cost in a table column: to the cent from 1 up, else six decimals, so a column of small costs lines up.</summary>
    public static string Cost(double value) => Math.Abs(value) >= 1 ? value.ToString("#,0.00", Inv) : value.ToString("0.000000", Inv);
}
