namespace WidthRetrain.Contracts.Campaigns;

/// <summary>The data a campaign drifts: a dataset name (fashion-mnist, mnist, kmnist, idx, synthetic) and optional subsets.</summary>
/// <remarks>Where the files are is each service's configuration (Storage:DataDirectory), not the campaign's.</remarks>
public sealed record DatasetSpec(string Name = "fashion-mnist", int? TrainLimit = null, int? TestLimit = null);
