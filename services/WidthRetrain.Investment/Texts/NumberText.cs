using System.Globalization;
using WidthRetrain.Contracts.Stages;

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

    /// <summary>A return per unit of cost; infinite when the step cost nothing more.</summary>
    public static string Return(double value) => double.IsPositiveInfinity(value) ? "unbounded" : value.ToString("0.###", Inv);

    /// <summary>An amount of money as precise as recorded, without trailing zeros.</summary>
    public static string Money(double value) => value.ToString("0.######", Inv);

    /// <summary>A cost in a table column: always six decimals, so the column lines up.</summary>
    public static string Cost(double value) => value.ToString("0.000000", Inv);
}
