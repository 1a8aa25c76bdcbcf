namespace WidthRetrain.Learning.Drift;

/// <summary>A checked spec, as a scenario's factory and rules see it: the number of tasks, the dataset's classes and the parameters given.</summary>
/// <param name="Tasks">The number of tasks (given, or implied by a one-value-per-task parameter).</param>
/// <param name="Classes">Classes of the dataset the tasks are drawn from.</param>
/// <param name="Given">Parameter texts by name, as given (not defaulted).</param>
public sealed record ScenarioArguments(int Tasks, int Classes, IReadOnlyDictionary<string, string> Given)
{
    public bool IsGiven(ScenarioParameter parameter) => Given.ContainsKey(parameter.Name);

    /// <summary>The given value, else the parameter's default.</summary>
    public T Get<T>(ScenarioParameter<T> parameter) =>
        parameter.Read(Given.TryGetValue(parameter.Name, out string? text) ? text
            : parameter.Default ?? throw new InvalidOperationException($"{parameter.Name}: not given and without a default; check IsGiven first"));
}
