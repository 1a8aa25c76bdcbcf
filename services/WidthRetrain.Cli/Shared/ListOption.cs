using System.Globalization;

namespace WidthRetrain.Cli.Shared;

/// <summary>Parses comma-separated option values, naming the option in every error.</summary>
public static class ListOption
{
    public static IReadOnlyList<int> Ints(string option, string? text) =>
        Split(text).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v
            : throw new ArgumentException($"{option}: '{s}' is not a whole number; give a comma-separated list such as 32,64,128")).ToArray();

    public static IReadOnlyList<long> Longs(string option, string? text) =>
        Split(text).Select(s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v
            : throw new ArgumentException($"{option}: '{s}' is not a whole number; give a comma-separated list such as 1,2,3")).ToArray();

    public static IReadOnlyList<double> Doubles(string option, string? text) =>
        Split(text).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new ArgumentException($"{option}: '{s}' is not a number; give a comma-separated list such as 0,22.5,45")).ToArray();

    /// <summary>Parses a case-insensitive enum value, listing the allowed values (kebab-case) on error.</summary>
    public static T Enum<T>(string option, string text) where T : struct, Enum =>
        System.Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out T v) && System.Enum.IsDefined(v) ? v
            : throw new ArgumentException($"{option}: unknown value '{text}'; allowed: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
