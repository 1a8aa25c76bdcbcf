namespace WidthRetrain.Learning.Drift;

/// <summary>A scenario parameter whose text reads as a <typeparamref name="T"/> (see the factories on <see cref="ScenarioParameter"/>).</summary>
public sealed class ScenarioParameter<T>(string name, string help, string? defaultText, string allowed,
    Func<string, (T Value, string? Problem)> parse, Func<T, string> format) : ScenarioParameter(name, help, defaultText, allowed)
{
    public override string? Problem(string text) => parse(text).Problem;

    public override string Canonical(string text) => format(Read(text));

    /// <summary>The value of an allowed text; throws <see cref="ArgumentException"/> naming the parameter otherwise.</summary>
    public T Read(string text)
    {
        var (value, problem) = parse(text);
        return problem is null ? value : throw new ArgumentException($"{Name}: {problem}");
    }
}
