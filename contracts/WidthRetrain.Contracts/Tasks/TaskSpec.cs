using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Contracts.Tasks;

/// <summary>
/// One retraining task as a recipe: any service rebuilds its tensors from (dataset, drift, seed, index) and checks
/// the SHA-256 of the result against <see cref="ContentHash"/>. Tensors never travel on the bus.
/// </summary>
public sealed record TaskSpec(int Index, string Description, DatasetSpec Dataset, DriftSpec Drift, long Seed, int TrainCount, int TestCount, string ContentHash);
