using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Evaluator;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Protocol;
using WidthRetrain.Learning.Training;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Integration.Tests;

/// <summary>A small campaign through separate bus endpoints for every service, on RabbitMQ, recorded in Marten on PostgreSQL.</summary>
public sealed class CampaignFlowTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();

    public Task InitializeAsync() => suite.StartSuiteAsync();

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task EveryRoundIsRecordedInOrder_WithCorrelationAndCausation_AndMatchesTheInProcessProtocol()
    {
        var id = NewId.NextGuid();
        CampaignSpec spec = Campaigns.Small([32, 128], [7]);
        await suite.Bus.Publish(new StartCampaign(id, spec));

        CampaignSummary summary = await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(3));
        Assert.Equal(CampaignStatus.Completed, summary.Status);
        Assert.Equal(6, summary.RoundsTotal);
        Assert.Equal(6, summary.RoundsDone);
        Assert.True(summary.TotalCost > 0);

        await using IQuerySession q = suite.Store.QuerySession();
        IReadOnlyList<RoundView> rounds = await q.Query<RoundView>().Where(r => r.CampaignId == id).ToListAsync();
        Assert.Equal(6, rounds.Count);
        var evaluated = new List<RoundEvaluated>();
        foreach (RoundView r in rounds)
        {
            IReadOnlyList<IEvent> events = await q.Events.FetchStreamAsync(r.Id);
            evaluated.AddRange(events.Select(e => e.Data).OfType<RoundEvaluated>());
            Assert.Equal([typeof(RoundScheduled), typeof(RoundTrained), typeof(RoundEvaluated), typeof(RoundCosted)], events.Select(e => e.EventType));
            Assert.All(events, e => Assert.Equal(id.ToString("D"), e.CorrelationId));
            Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.CausationId)));
            Assert.Equal(Enumerable.Range(1, 4).Select(v => (long)v), events.Select(e => e.Version));
            Assert.Equal("costed", r.Status);
        }

        IReadOnlyList<IEvent> campaign = await q.Events.FetchStreamAsync(id);
        Assert.Equal(typeof(CampaignStarted), campaign[0].EventType);
        Assert.Equal(typeof(TasksReleased), campaign[1].EventType);
        Assert.Equal(typeof(StageStarted), campaign[2].EventType);
        Assert.Equal(6, campaign.Count(e => e.EventType == typeof(RoundCompleted)));
        Assert.Equal(typeof(StageConcluded), campaign[^2].EventType);
        Assert.Equal(typeof(CampaignCompleted), campaign[^1].EventType);
        Assert.All(campaign, e => Assert.Equal(id.ToString("D"), e.CorrelationId));

        // The distributed rounds reproduce the in-process protocol exactly (same seed, tasks, SGD, thread count).
        var evidence = ((StageConcluded)campaign[^2].Data).Arms;
        using DatasetPair data = DatasetLoader.Load(new DatasetRequest("synthetic", TrainLimit: 600, TestLimit: 200, Seed: 7));
        var tasks = DriftScenarios.MaterializeAll(RotationScenario.Paper(3), data, 7);
        try
        {
            foreach (int width in new[] { 32, 128 })
            {
                RunResult local = ContinualRun.Execute(tasks, new RunSpec(new MlpSpec(784, width, 1, 10), new TrainingSettings(LearningRate: 0.05, EpochsPerTask: 1), 7));
                ArmEvidence arm = evidence.Single(a => a.Width == width);
                Assert.Equal(local.Metrics.AverageAccuracy, arm.AverageAccuracy.Mean, 12);
                Assert.Equal(local.Metrics.ForgettingPaper, arm.Forgetting.Mean, 12);
                Assert.Equal(local.Metrics.ForwardTransfer!.Value, arm.ForwardTransfer!.Mean, 12);
                // Functional drift too: the evaluator measures it against the outputs it kept when each task was learned
                // (asserted below that it did), the local run against those it keeps in memory.
                foreach (RoundEvaluated e in evaluated.Where(e => e.Arm.Width == width))
                    for (int j = 0; j < e.Round.TaskIndex; j++)
                        Assert.Equal(local.FunctionalDrift[e.Round.TaskIndex][j]!.Value, e.FunctionalDrift[j]!.Value, 12);
            }
        }
        finally
        {
            foreach (TaskData t in tasks) t.Dispose();
        }
        // Each width's rounds at tasks 2 and 3 measured 1 and 2 drifts: all 6 from kept outputs, none by reloading a model.
        Assert.True(suite.Evaluator!.Services.GetRequiredService<LearnedOutputs>().Hits >= 6);
    }

    [Fact]
    public async Task BadSpec_IsRejectedNamingEachField_AndNothingIsRecorded()
    {
        var id = NewId.NextGuid();
        CampaignSpec good = Campaigns.Small([32], [1]);
        CampaignSpec bad = good with
        {
            Widths = [0, 64],
            Drift = new DriftSpec("spiral", 0),
            Training = good.Training with { LearningRate = -0.1 },
        };

        // Heard as an integrator hears it: on the subscriber events exchange, keyed by the campaign.
        await using EventSubscription events = await EventSubscription.OpenAsync(TestInfrastructure.RabbitMqIntegrator, suite.Prefix, $"*.*.{id}");
        await suite.Bus.Publish(new StartCampaign(id, bad));
        var (key, r) = await events.TakeAsync(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException("no CampaignRejected in 30 s");

        Assert.Equal($"campaign.rejected.{id}", key);
        string all = string.Join("\n", r.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(id, r.GetProperty("campaignId").GetGuid());
        Assert.Contains("widths: 0 is not allowed; each width must be 1 to 65536", all);
        Assert.Contains("drift.kind: unknown value 'spiral'; allowed: rotation, permutation, class-split, gradual-shift", all);
        Assert.Contains("drift.tasks: must be at least 1, got 0", all);
        Assert.Contains("training.learningRate: must be a positive number, got -0.1", all);
        await using IQuerySession q = suite.Store.QuerySession();
        Assert.Null(await q.Events.FetchStreamStateAsync(id));
        Assert.Equal(0, await q.Events.QueryAllRawEvents().Where(e => e.StreamId == id).CountAsync());
        Assert.Null(await q.LoadAsync<CampaignSummary>(id));
    }
}
