namespace WidthRetrain.Learning.Data;

/// <summary>Which dataset to load and how much of it.</summary>
/// <param name="Name">fashion-mnist, mnist, kmnist, idx (any IDX set in the data directory) or synthetic.</param>
/// <param name="DataDirectory">Explicit directory with the IDX files; overrides the environment and the Debian location.</param>
/// <param name="TrainLimit">At most this many training samples (a seeded random subset); null = all.</param>
/// <param name="TestLimit">At most this many test samples per task; null = all.</param>
/// <param name="Seed">Seeds the subsets and the synthetic data.</param>
public sealed record DatasetRequest(
    string Name = DatasetLoader.FashionMnist,
    string? DataDirectory = null,
    int? TrainLimit = null,
    int? TestLimit = null,
    long Seed = 42);
