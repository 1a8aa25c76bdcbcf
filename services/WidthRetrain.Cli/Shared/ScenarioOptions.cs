using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Cli.Shared;

/// <summary>
/// The drift scenario options `run` and `sweep` share (--scenario, --tasks, --angles, --target-domain, --drift-param), read
/// the same way by both: every parameter of every scenario is reachable through --drift-param NAME=VALUE, so a new
/// scenario needs no new option.
/// </summary>
public sealed record ScenarioOptions(string? Scenario, int? Tasks, string? Angles, string? TargetDomain, IReadOnlyList<string>? DriftParams)
{
    public const string ScenarioHelp = "Drift scenario kind; `widthretrain scenarios` lists every kind with its parameters";
    public const string TasksHelp = "Number of retraining tasks";
    public const string AnglesHelp = "Rotation: one angle per task, in degrees (sets --tasks to their number); the same as --drift-param angles=LIST";
    public const string TargetDomainHelp = "Gradual shift: the domain the tasks shift to; the same as --drift-param target-domain=NAME";
    public const string DriftParamHelp = "A parameter of the scenario, repeatable, e.g. target-domain=rotate-90; `widthretrain scenarios` lists them";

    /// <summary>`sweep`: the scenario these options describe, with <paramref name="defaultTasks"/> unless the parameters set the number.</summary>
    public ScenarioSpec ToScenarioSpec(string defaultKind, int defaultTasks)
    {
        string kind = Scenario ?? defaultKind;
        IReadOnlyDictionary<string, string>? parameters = Parameters(null);
        IReadOnlyList<double>? angles = AngleList;
        return new ScenarioSpec(kind, Tasks ?? (angles is not null || DriftScenarios.Find(kind)?.TasksSetBy(parameters) is not null ? null : defaultTasks),
            angles, TargetDomain, parameters);
    }

    /// <summary>`run`: these options over a spec's drift (options win, parameter by parameter).</summary>
    public DriftSpec Over(DriftSpec drift)
    {
        string kind = Scenario ?? drift.Kind;
        IReadOnlyDictionary<string, string>? parameters = Parameters(drift.Parameters);
        IReadOnlyList<double>? angles = AngleList;
        return drift with
        {
            Kind = kind,
            Tasks = Tasks ?? angles?.Count ?? DriftScenarios.Find(kind)?.TasksSetBy(Parameters(null)) ?? drift.Tasks,
            Angles = angles ?? drift.Angles,
            TargetDomain = TargetDomain ?? drift.TargetDomain,
            Parameters = parameters,
        };
    }

    private IReadOnlyList<double>? AngleList => Angles is null ? null : ListOption.Doubles("--angles", Angles);

    /// <summary>The --drift-param pairs over <paramref name="given"/>; null when there are neither.</summary>
    private IReadOnlyDictionary<string, string>? Parameters(IReadOnlyDictionary<string, string>? given)
    {
        if (DriftParams is not { Count: > 0 }) return given;
        var merged = new Dictionary<string, string>(given ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (string pair in DriftParams)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq < 1) throw new ArgumentException($"--drift-param: '{pair}' is not NAME=VALUE, e.g. target-domain=rotate-90");
            merged[pair[..eq].Trim().ToLowerInvariant()] = pair[(eq + 1)..].Trim();
        }
        return merged;
    }
}
