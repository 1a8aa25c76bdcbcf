using System.Text.Json.Serialization;

namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The drift scenario: its kind (`widthretrain scenarios` lists every kind with its parameters), number of tasks and parameters.</summary>
/// <param name="Kind">The scenario's kind, e.g. rotation.</param>
/// <param name="Tasks">Number of tasks.</param>
/// <param name="Angles">Rotation only: one angle per task in degrees; the same as parameter angles.</param>
/// <param name="TargetDomain">Gradual shift only: the same as parameter target-domain.</param>
/// <param name="Parameters">The kind's parameters by name, values as text; parameters left out take their defaults.</param>
public sealed record DriftSpec(
    string Kind = "rotation",
    int Tasks = 5,
    IReadOnlyList<double>? Angles = null,
    string? TargetDomain = null,
    // Omitted when null: the events recorded before this field existed keep their content, and so their hash.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Parameters = null);
