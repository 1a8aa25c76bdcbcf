using Marten;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Integration.Tests;

/// <summary>Small campaigns and a bounded wait for their end.</summary>
public static class Campaigns
{
    public static CampaignSpec Small(int[] widths, long[] seeds, int tasks = 3) => new("it", new DatasetSpec("synthetic", 600, 200),
        new DriftSpec("rotation", tasks), widths, 1, "relu", new TrainingSpec(LearningRate: 0.05, EpochsPerTask: 1), seeds, PriceBook.Default);

    public static async Task<CampaignSummary> WaitForEndAsync(IDocumentStore store, Guid id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        CampaignSummary? s = null;
        while (DateTime.UtcNow < deadline)
        {
            await using (var q = store.QuerySession()) s = await q.LoadAsync<CampaignSummary>(id);
            if (s is { IsFinished: true }) return s;
            await Task.Delay(200);
        }
        throw new TimeoutException($"campaign {id} not finished after {timeout}: {s?.RoundsDone}/{s?.RoundsTotal} rounds, status {s?.Status.Text() ?? "not recorded"}");
    }
}
