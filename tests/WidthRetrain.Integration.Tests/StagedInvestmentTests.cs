using Marten;
using MassTransit;
using Npgsql;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Report;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// A staged investment end to end on RabbitMQ and PostgreSQL (Fashion-MNIST subset): it starts at width 32, widens while
/// it pays, stops for a named reason; replay re-derives every decision; a counterfactual policy decides otherwise
/// without training; a tampered event makes the audit fail.
/// </summary>
public sealed class StagedInvestmentTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();

    // Permissive enough that width 64 pays over 32 on this data (1.6 points less forgetting, interval well above 0).
    private static readonly InvestmentPolicy Policy = new(StartWidth: 32, GrowthFactor: 2, CapWidth: 512, MinimumGain: 0, ReturnThreshold: 0,
        Confidence: 0.6, Levers: [new LeverOption(LeverOption.Replay, 200)], UseForecast: false);

    public Task InitializeAsync() => suite.StartSuiteAsync();

    public async Task DisposeAsync() => await suite.DisposeAsync();

    private static CampaignSpec Spec(InvestmentPolicy policy) => new("staged-it", new DatasetSpec("fashion-mnist", 4000, 1000), new DriftSpec("rotation", 3), [],
        1, "relu", new TrainingSpec(EpochsPerTask: 2), [1, 2, 3], PriceBook.Default, Policy: policy);

    [Fact]
    public async Task BudgetStopsAfterStageOne_AndABiggerBudgetWouldGoToAnUnmeasuredWidth_ShownAsAForecast()
    {
        var id = NewId.NextGuid();
        var tight = Policy with { Budget = 1e-9, UseForecast = true };
        await suite.Bus.Publish(new StartCampaign(id, Spec(tight)));
        await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(5));
        await using IQuerySession q = suite.Store.QuerySession();
        CampaignHistory history = (await CampaignHistory.LoadAsync(q, id, default))!;
        InvestmentDecision only = history.Decisions.Single().Decision;
        Assert.Equal((DecisionAction.Stop, StopReason.BudgetExhausted), (only.Action, only.Reason));
        Assert.Equal(64, only.IncumbentWidth); // width 64 paid; testing 128 did not fit the budget
        Assert.Single(history.Stages);

        var generous = tight with { Budget = 1000 };
        var (stages, spent) = InvestmentHistory.Build(history.Stages, history.Rounds, generous);
        CounterfactualPath path = DecisionReplayer.Counterfactual(generous, stages, spent, InvestmentHistory.Shape(history.Spec));
        Assert.Equal(DecisionAction.Widen, path.Decisions.Single().Action);
        Assert.Contains("never measured", path.Divergence);
        Assert.Equal((64.0, 128.0), (path.Forecast!.FromWidth, path.Forecast.ToWidth));
        Assert.True(path.Forecast.Low <= path.Forecast.Gain && path.Forecast.Gain <= path.Forecast.High);
        Assert.Equal(9 + 9, (await q.Events.QueryRawEventDataOnly<RoundTrained>().ToListAsync()).Count(t => t.Round.CampaignId == id)); // nothing more trained
    }

    [Fact]
    public async Task StagedCampaign_WidensWhileItPays_StopsForANamedReason_AndReplaysExactly()
    {
        var id = NewId.NextGuid();
        CampaignSpec spec = Spec(Policy);
        await suite.Bus.Publish(new StartCampaign(id, spec));
        CampaignSummary summary = await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(5));
        Assert.Equal(CampaignStatus.Completed, summary.Status);

        await using IQuerySession q = suite.Store.QuerySession();
        CampaignHistory history = (await CampaignHistory.LoadAsync(q, id, default))!;
        IReadOnlyList<InvestmentDecision> decisions = history.Decisions.Select(d => d.Decision).ToArray();

        // Stage 1 compares the start width with the first candidate; every widening is followed by the stage it asked for.
        Assert.Equal(["w32", "w64"], history.Stages[0].Arms.Select(a => a.Name));
        Assert.Equal(DecisionAction.Widen, decisions[0].Action);
        for (int i = 0; i < decisions.Count - 1; i++)
        {
            StageStarted next = history.Stages[i + 1];
            string expected = decisions[i].Action == DecisionAction.Widen ? $"w{decisions[i].NextWidth}" : $"w{decisions[i].IncumbentWidth}+";
            Assert.StartsWith(expected, next.Candidate);
        }
        InvestmentDecision last = decisions[^1];
        Assert.Contains(last.Action, new[] { DecisionAction.Stop, DecisionAction.KeepLever });
        if (last.Action == DecisionAction.Stop) Assert.NotNull(last.Reason);
        Assert.All(decisions, d => Assert.Equal((Policy.Name, Policy.Version), (d.PolicyName, d.PolicyVersion)));
        Assert.All(decisions, d => Assert.NotEmpty(d.EvidenceEventIds));
        Assert.Equal(decisions.Count, summary.Decisions.Count);

        // Audit: the record verifies (chains, completeness, policy, checkpoints) and every decision follows from the evidence.
        var shape = InvestmentHistory.Shape(history.Spec);
        CampaignAuditReport audit = CampaignAudit.Verify((await CampaignRecordLoader.LoadAsync(suite.Store, id, default))!, CheckpointProbe.For(suite.Checkpoints));
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
        Assert.Equal(decisions.Count, audit.Decisions.Count);
        Assert.All(audit.Decisions, s => Assert.True(s.Identical));
        Assert.True(audit.CheckpointsChecked > 18 && audit.CheckpointsAbsent == 0, $"{audit.CheckpointsChecked} checked, {audit.CheckpointsAbsent} absent");

        // The decision report renders from the recorded events.
        string reportDir = Path.Combine(suite.Checkpoints, "report");
        CampaignReport report = (await CampaignReader.ReadAsync(suite.Store, id, default))!;
        IReadOnlyList<string> files = DecisionReport.Write(history, report, audit, reportDir);
        foreach (string png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.True(new FileInfo(Path.Combine(reportDir, png)).Length > 5_000, png);
        Assert.Contains($"Stage {last.Stage}, {last.Action}", await File.ReadAllTextAsync(Path.Combine(reportDir, "report.md")));

        // Counterfactual: a policy asking for a gain no width gives (100 points) stops at stage 1; nothing is trained for it.
        // (Not a return threshold: with measured device time a wider arm can come out cheaper, and its return unbounded.)
        int trainedBefore = (await q.Events.QueryRawEventDataOnly<RoundTrained>().ToListAsync()).Count;
        var strict = Policy with { MinimumGain = 1, Levers = [] }; // the same rule (its name selects it), stricter parameters
        var (strictStages, strictSpent) = InvestmentHistory.Build(history.Stages, history.Rounds, strict);
        CounterfactualPath path = DecisionReplayer.Counterfactual(strict, strictStages, strictSpent, shape);
        Assert.Single(path.Decisions);
        Assert.NotEqual(DecisionAction.Widen, path.Decisions[0].Action);
        Assert.Contains("would not have been bought", path.Divergence);
        await using IQuerySession after = suite.Store.QuerySession();
        Assert.Equal(trainedBefore, (await after.Events.QueryRawEventDataOnly<RoundTrained>().ToListAsync()).Count);

        // Tampering: one recorded round of the first candidate gets a better accuracy; the audit now fails.
        await using (var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"UPDATE {suite.Schema}.mt_events SET data = jsonb_set(data, '{{Accuracy,0}}', '0.99') WHERE seq_id = (SELECT seq_id FROM {suite.Schema}.mt_events " +
                "WHERE stream_id = @id AND type = 'round_completed' AND data->'Round'->>'Arm' = 'w64' AND (data->'Round'->>'TaskIndex')::int = 2 LIMIT 1)", c);
            cmd.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        CampaignAuditReport tampered = CampaignAudit.Verify((await CampaignRecordLoader.LoadAsync(suite.Store, id, default))!);
        Assert.False(tampered.Passed);
        Assert.Contains("(RoundCompleted", tampered.Findings[0].Where);
        Assert.Contains("edited after it was appended", tampered.Findings[0].What);
        Assert.Contains(tampered.Findings, f => f.What.StartsWith("does not follow from the recorded evidence", StringComparison.Ordinal));
    }
}
