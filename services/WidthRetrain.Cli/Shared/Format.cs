using System.Globalization;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Learning.Protocol;

namespace WidthRetrain.Cli.Shared;

/// <summary>Number formats shared by the tables.</summary>
public static class Format
{
    public static string Percent(double? v) => NumberText.Percent(v);

    /// <summary>A statistic as a percentage, with ± its standard deviation when there is more than one seed.</summary>
    public static string Percent(Statistic? s) => s is null ? "-"
        : s.N > 1 ? $"{Percent(s.Mean)} ± {Percent(s.Std)}" : Percent(s.Mean);

    public static string Number(double? v, string format = "0.000") => v is null ? "-" : v.Value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(Statistic? s, string format = "0.000") => s is null ? "-"
        : s.N > 1 ? $"{Number(s.Mean, format)} ± {Number(s.Std, format)}" : Number(s.Mean, format);

    public static string Count(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
