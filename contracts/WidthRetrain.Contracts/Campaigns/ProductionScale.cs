using System.Text.Json.Serialization;

namespace WidthRetrain.Contracts.Campaigns;

/// <summary>
/// What one simulated round stands for in production, so costs, budgets and returns read as real money. A simulated
/// round (one retraining cycle of one arm on one task) is priced as the production cycle it models: its training FLOPs
/// times <see cref="ModelScale"/> × <see cref="SampleScale"/>, run on <see cref="Device"/> at
/// <see cref="GflopsPerSecond"/>; evaluation takes the same share of that time as it took of the simulated round's;
/// a prediction served costs <see cref="ModelScale"/> times the simulated arm's FLOPs. Every width is scaled alike, so
/// the wider arm stays as much dearer as it measured.
/// </summary>
/// <param name="ModelScale">The production model's FLOPs per sample ÷ the simulated arm's (e.g. 40000: a 1 B-parameter model for a 25 k-parameter MLP).</param>
/// <param name="SampleScale">Samples a production retraining cycle trains on (counting epochs) ÷ those a simulated round trains on.</param>
/// <param name="Device">Device kind production trains and evaluates on, priced by the book's deviceHourPrice and powerDrawWatts (e.g. cuda).</param>
/// <param name="GflopsPerSecond">Effective training throughput of that device (sustained, not peak), GFLOP/s.</param>
/// <param name="Assumes">What the scale assumes, in words, for the people who read the costs.</param>
public sealed record ProductionScale(double ModelScale, double SampleScale, string Device, double GflopsPerSecond, string? Assumes = null)
{
    /// <summary>Production training FLOPs per simulated training FLOP.</summary>
    [JsonIgnore]
    public double FlopMultiplier => ModelScale * SampleScale;
}
