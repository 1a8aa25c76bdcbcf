using System.Globalization;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// One parameter of a drift scenario, as text on the command line and in a spec's <c>parameters</c> map: its name,
/// help, default and the values it allows. <see cref="ScenarioParameter{T}"/> reads the text into a typed value.
/// </summary>
public abstract class ScenarioParameter(string name, string help, string? defaultText, string allowed)
{
    /// <summary>Kebab-case, as in <c>--drift-param NAME=VALUE</c>.</summary>
    public string Name { get; } = name;

    public string Help { get; } = help;

    /// <summary>The value used when the spec leaves the parameter out; null when the scenario derives it (rotation's angles).</summary>
    public string? Default { get; } = defaultText;

    /// <summary>What the parameter allows, for help and error messages.</summary>
    public string Allowed { get; } = allowed;

    /// <summary>Null when <paramref name="text"/> is allowed, else what is wrong with it (without the parameter's name).</summary>
    public abstract string? Problem(string text);

    /// <summary>One spelling per value (e.g. "45" for " 45.0"), so that equal specs give equal cache keys.</summary>
    public abstract string Canonical(string text);

    /// <summary>A value from a closed list, compared exactly (e.g. gradual-shift's target domains).</summary>
    public static ScenarioParameter<string> Choice(string name, string help, IReadOnlyList<string> allowed, string defaultValue) =>
        new(name, help, defaultValue, string.Join(", ", allowed), text => allowed.Contains(text)
            ? (text, null)
            : (text, $"unknown value '{text}'; allowed: {string.Join(", ", allowed)}"), v => v);

    /// <summary>A finite number (invariant culture) for which <paramref name="isAllowed"/> holds, described by <paramref name="allowed"/>.</summary>
    public static ScenarioParameter<double> Number(string name, string help, double defaultValue, Func<double, bool> isAllowed, string allowed) =>
        new(name, help, Format(defaultValue), allowed, text => ParseNumber(text) is { } v && isAllowed(v)
            ? (v, null)
            : (0, $"must be {allowed}, got '{text}'"), Format);

    /// <summary>A comma-separated list of finite numbers; <paramref name="problem"/> is the message for any bad element.</summary>
    public static ScenarioParameter<IReadOnlyList<double>> Numbers(string name, string help, string allowed, string problem) =>
        new(name, help, null, allowed, text =>
        {
            double?[] values = [.. text.Split(',').Select(ParseNumber)];
            return values.Length > 0 && values.All(v => v is not null) ? ([.. values.Select(v => v!.Value)], null) : ([], problem);
        }, vs => string.Join(",", vs.Select(Format)));

    /// <summary>Numbers as the canonical text writes them: invariant, shortest round-trip form.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double? ParseNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;
}
