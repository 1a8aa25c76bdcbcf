namespace WidthRetrain.Learning.Drift;

/// <summary>A serialisable description of a drift scenario (what a campaign spec or the command line carries).</summary>
/// <param name="Kind">rotation, permutation, class-split or gradual-shift.</param>
/// <param name="Tasks">Number of tasks; for rotation it may be omitted when <paramref name="Angles"/> is given.</param>
/// <param name="Angles">Rotation only: the angle of each task in degrees (default 0, 22.5, 45, ...).</param>
/// <param name="TargetDomain">Gradual shift only: invert or rotate-90 (default invert).</param>
public sealed record ScenarioSpec(
    string Kind = DriftScenarios.Rotation,
    int? Tasks = 5,
    IReadOnlyList<double>? Angles = null,
    string? TargetDomain = null);
