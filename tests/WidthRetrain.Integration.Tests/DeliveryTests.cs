using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using MassTransit;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Integration.Tests;

/// <summary>At-least-once delivery made safe: duplicates append nothing and train nothing; failures end in _error queues.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();
    private readonly ConcurrentQueue<RoundTrained> seenTrained = new();

    public async Task InitializeAsync()
    {
        await suite.StartPlannerAsync();
        await suite.StartDriftGeneratorAsync();
        await suite.StartEvaluatorAsync();
        await suite.StartCostAccountantAsync();
        await suite.StartObserverAsync(x => x.AddHandler<RoundTrained>(ctx =>
        {
            seenTrained.Enqueue(ctx.Message);
            return Task.CompletedTask;
        }).Endpoint(e =>
        {
            // Its own queue: never compete with the suite's consumers of the same message.
            e.InstanceId = "observer";
            e.Temporary = true;
        }));
    }

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task DuplicateTrainRoundAndRoundTrained_GiveOneSetOfEventsAndOneCheckpoint()
    {
        await suite.StartTrainerAsync();
        var id = NewId.NextGuid();
        await suite.Bus.Publish(new StartCampaign(id, Campaigns.Small([32], [3], tasks: 2)));
        await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(2));

        await using IQuerySession q = suite.Store.QuerySession();
        RoundView first = (await q.Query<RoundView>().Where(r => r.CampaignId == id && r.TaskIndex == 0).ToListAsync()).Single();
        IReadOnlyList<IEvent> before = await q.Events.FetchStreamAsync(first.Id);
        int campaignEventsBefore = (await q.Events.FetchStreamAsync(id)).Count;
        var scheduled = (RoundScheduled)before[0].Data;
        var trained = (RoundTrained)before[1].Data;
        string checkpoint = Path.Combine(suite.Checkpoints, trained.Checkpoint.Path);
        DateTime writtenAt = File.GetLastWriteTimeUtc(checkpoint);
        int seen = seenTrained.Count;

        var command = new TrainRound(scheduled.Round, scheduled.Arm, trained.Tasks, null, []);
        await suite.Bus.Publish(command);
        await suite.Bus.Publish(command);
        await suite.Bus.Publish(trained);
        await suite.Bus.Publish(trained);

        // Two republished records from the trainer plus our two copies reach every RoundTrained subscriber.
        await WaitUntil(() => seenTrained.Count >= seen + 4, TimeSpan.FromSeconds(60));
        await WaitUntilDrained($"{suite.Prefix}-round-trained");
        await WaitUntilDrained($"{suite.Prefix}-evaluate-round");

        await using IQuerySession after = suite.Store.QuerySession();
        Assert.Equal(before.Select(e => e.Id), (await after.Events.FetchStreamAsync(first.Id)).Select(e => e.Id));
        Assert.Equal(campaignEventsBefore, (await after.Events.FetchStreamAsync(id)).Count);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(checkpoint)); // not trained again
        string seedFolder = Path.GetDirectoryName(checkpoint)!;
        Assert.Equal(["initial.ckpt", "task-0.ckpt", "task-1.ckpt"], Directory.GetFiles(seedFolder, "*.ckpt").Select(Path.GetFileName).Order());
        Assert.All(seenTrained.Skip(seen), t => Assert.Equal(trained.Checkpoint, t.Checkpoint));
    }

    [Fact]
    public async Task TwoTrainersOnOneQueue_BothWork_AndNoRoundIsTrainedTwice()
    {
        await suite.StartTrainerAsync("trainer-a");
        await suite.StartTrainerAsync("trainer-b");
        var id = NewId.NextGuid();
        await suite.Bus.Publish(new StartCampaign(id, Campaigns.Small([32, 64], [1, 2])));
        CampaignSummary summary = await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(3));
        Assert.Equal(CampaignStatus.Completed, summary.Status);

        await using IQuerySession q = suite.Store.QuerySession();
        var trained = await q.Events.QueryRawEventDataOnly<RoundTrained>().ToListAsync();
        trained = trained.Where(t => t.Round.CampaignId == id).ToList();
        Assert.Equal(12, trained.Count);
        Assert.Equal(12, trained.Select(t => t.Round.RoundId).Distinct().Count());
        Assert.Equal(["trainer-a", "trainer-b"], trained.Select(t => t.Training.Worker).Distinct().Order());
        // Every training that happened was published once: nothing was trained twice.
        Assert.Equal(12, seenTrained.Count(t => t.Round.CampaignId == id));
    }

    [Fact]
    public async Task TamperedCheckpoint_SendsTheRoundToTheErrorQueue_WithTheReason()
    {
        await suite.StartTrainerAsync();
        var id = NewId.NextGuid();
        await suite.Bus.Publish(new StartCampaign(id, Campaigns.Small([32], [5], tasks: 2)));
        await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(2));
        await using IQuerySession q = suite.Store.QuerySession();
        RoundView second = (await q.Query<RoundView>().Where(r => r.CampaignId == id && r.TaskIndex == 1).ToListAsync()).Single();
        var events = await q.Events.FetchStreamAsync(second.Id);
        var scheduled = (RoundScheduled)events[0].Data;
        var trained = (RoundTrained)events[1].Data;

        // The parent checkpoint changes on disk after it was recorded; a retrain must refuse it.
        string parent = Path.Combine(suite.Checkpoints, scheduled.Parent!.Path);
        byte[] bytes = await File.ReadAllBytesAsync(parent);
        bytes[^9] ^= 0x10;
        await File.WriteAllBytesAsync(parent, bytes);
        File.Delete(Path.Combine(Path.GetDirectoryName(parent)!, "task-1.trained.json")); // so the trainer really retrains
        await suite.Bus.Publish(new TrainRound(scheduled.Round, scheduled.Arm, trained.Tasks, scheduled.Parent, trained.History));

        string errorQueue = $"{suite.Prefix}-train-round_error";
        await WaitUntil(async () => await BrokerQueues.MessageCountAsync(errorQueue) >= 1, TimeSpan.FromSeconds(60));
        IDictionary<string, string> headers = await BrokerQueues.TakeHeadersAsync(errorQueue);
        await BrokerQueues.DeleteAsync(errorQueue);
        Assert.Contains("CheckpointIntegrityException", headers["MT-Fault-ExceptionType"]);
        Assert.Contains("SHA-256", headers["MT-Fault-Message"]);
        // Nothing recorded for the refused retrain.
        await using IQuerySession after = suite.Store.QuerySession();
        Assert.Equal(events.Count, (await after.Events.FetchStreamAsync(second.Id)).Count);
    }

    private static Task WaitUntil(Func<bool> condition, TimeSpan timeout) => WaitUntil(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a queue holds no ready message, then a little longer for the one in hand to finish.</summary>
    private static async Task WaitUntilDrained(string queue)
    {
        await WaitUntil(async () => await BrokerQueues.MessageCountAsync(queue) is null or 0, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
    }
}
