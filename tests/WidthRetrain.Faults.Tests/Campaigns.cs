using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Faults.Tests;

/// <summary>Small synthetic campaigns: long enough to be hit mid-flight, short enough for CI.</summary>
public static class Campaigns
{
    public static CampaignSpec Spec(int[] widths, long[] seeds, int tasks, int train = 1500, int epochs = 2) =>
        new("faults", new DatasetSpec("synthetic", train, 300), new DriftSpec("rotation", tasks), widths, 1, "relu",
            new TrainingSpec(LearningRate: 0.05, EpochsPerTask: epochs), seeds, PriceBook.Default);

    /// <summary>2 widths x 3 seeds x 4 tasks = 24 rounds.</summary>
    public static CampaignSpec TwentyFourRounds => Spec([16, 64], [1, 2, 3], 4);
}
