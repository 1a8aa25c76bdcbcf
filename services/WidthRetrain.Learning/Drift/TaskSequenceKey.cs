using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WidthRetrain.Learning.Data;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Identifies a materialised task sequence: SHA-256 (hex) of the canonical JSON of the whole dataset request, the
/// normalised scenario spec and the seed. Every field of those records is serialised, so a field or parameter added
/// later is part of the key without anyone remembering to add it.
/// </summary>
public static class TaskSequenceKey
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>The key; throws <see cref="ArgumentException"/> when the scenario spec is not valid.</summary>
    public static string Of(DatasetRequest dataset, ScenarioSpec scenario, long seed)
    {
        // The dataset name is matched ignoring case and blanks when loading, so it is keyed the same way.
        var recipe = new Recipe(dataset with { Name = dataset.Name.Trim().ToLowerInvariant() }, DriftScenarios.Normalised(scenario), seed);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(recipe, Canonical))));
    }

    private sealed record Recipe(DatasetRequest Dataset, ScenarioSpec Drift, long Seed);
}
