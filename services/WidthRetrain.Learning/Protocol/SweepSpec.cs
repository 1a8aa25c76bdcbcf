using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Protocol;

/// <summary>A width sweep: every (depth, width, seed) trained through the same drifting task sequence.</summary>
public sealed record SweepSpec(
    DatasetRequest Dataset,
    ScenarioSpec Scenario,
    IReadOnlyList<int> Widths,
    IReadOnlyList<int> Depths,
    IReadOnlyList<long> Seeds,
    TrainingSettings Training,
    Activation Activation = Activation.Relu)
{
    /// <summary>The paper's protocol on Fashion-MNIST: 5 rotated tasks, widths 32..4096 (the paper goes to 65536), 1 hidden layer, seed 42.</summary>
    public static SweepSpec Paper() => new(new DatasetRequest(), new ScenarioSpec(), [32, 64, 128, 256, 512, 1024, 2048, 4096], [1], [42],
        new TrainingSettings());

    /// <summary>Every bad field, named, with what is allowed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Widths.Count == 0) p.Add("widths: give at least one width");
        p.AddRange(Widths.Where(w => w < 1).Select(w => $"widths: {w} is not allowed; widths must be at least 1"));
        if (Widths.Distinct().Count() != Widths.Count) p.Add("widths: each width may appear once");
        if (Depths.Count == 0) p.Add("depths: give at least one depth");
        p.AddRange(Depths.Where(d => d < 1).Select(d => $"depths: {d} is not allowed; hidden layers must be at least 1"));
        if (Seeds.Count == 0) p.Add("seeds: give at least one seed");
        if (Seeds.Distinct().Count() != Seeds.Count) p.Add("seeds: each seed may appear once");
        p.AddRange(Training.Problems());
        if (!DatasetLoader.Names.Contains(Dataset.Name.Trim().ToLowerInvariant()))
            p.Add($"dataset: unknown value '{Dataset.Name}'; allowed: {string.Join(", ", DatasetLoader.Names)}");
        if (Dataset.TrainLimit is <= 0) p.Add($"train-limit: must be positive, got {Dataset.TrainLimit}");
        if (Dataset.TestLimit is <= 0) p.Add($"test-limit: must be positive, got {Dataset.TestLimit}");
        p.AddRange(DriftScenarios.Problems(Scenario));
        return p;
    }

    public SweepSpec Validated()
    {
        IReadOnlyList<string> p = Problems();
        return p.Count == 0 ? this : throw new ArgumentException(string.Join("; ", p));
    }
}
