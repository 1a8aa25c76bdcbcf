namespace WidthRetrain.Learning.Drift;

/// <summary>A serialisable description of a drift scenario (what a campaign spec or the command line carries).</summary>
/// <param name="Kind">A kind of <see cref="DriftScenarios.Definitions"/> (`widthretrain scenarios` lists them).</param>
/// <param name="Tasks">Number of tasks; may be omitted when a one-value-per-task parameter (rotation's angles) is given.</param>
/// <param name="Angles">Rotation only: the angle of each task in degrees; the same as parameter "angles".</param>
/// <param name="TargetDomain">Gradual shift only: the same as parameter "target-domain".</param>
/// <param name="Parameters">The scenario's parameters by name, as text (e.g. "max-std" = "0.5"); left out ones take their defaults.</param>
public sealed record ScenarioSpec(
    string Kind = DriftScenarios.Rotation,
    int? Tasks = 5,
    IReadOnlyList<double>? Angles = null,
    string? TargetDomain = null,
    IReadOnlyDictionary<string, string>? Parameters = null);
