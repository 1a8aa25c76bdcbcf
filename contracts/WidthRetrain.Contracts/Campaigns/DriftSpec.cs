namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The drift scenario: kind (rotation, permutation, class-split, gradual-shift), number of tasks, rotation angles, target domain.</summary>
public sealed record DriftSpec(string Kind = "rotation", int Tasks = 5, IReadOnlyList<double>? Angles = null, string? TargetDomain = null);
