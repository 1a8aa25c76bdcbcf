using System.Text.Json;
using JasperFx.Events;
using Marten;
using MassTransit;
using Npgsql;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Integration.Tests;

/// <summary>One staged campaign recorded by the suite on the real PostgreSQL, shared by the tampering tests (each restores what it changed).</summary>
public sealed class RecordedCampaign : IAsyncLifetime
{
    public SuiteFixture Suite { get; } = new();
    public Guid Id { get; } = NewId.NextGuid();

    public static readonly InvestmentPolicy Policy = new(StartWidth: 16, GrowthFactor: 2, CapWidth: 64, MinimumGain: 0, ReturnThreshold: 0, Confidence: 0.6,
        UseForecast: false);

    public async Task InitializeAsync()
    {
        await Suite.StartSuiteAsync();
        CampaignSpec spec = Campaigns.Small([], [1, 2]) with { Policy = Policy, Name = "audit" };
        await Suite.Bus.Publish(new StartCampaign(Id, spec));
        await Campaigns.WaitForEndAsync(Suite.Store, Id, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync() => await Suite.DisposeAsync();
}

/// <summary>
/// The record is tamper-evident and the services cannot rewrite it: edits made in the database behind the product's
/// back (in place, deleted, reordered, forged with a correct chain) make `verify` and `replay` exit 3 naming the event;
/// the services' role is refused any UPDATE or DELETE of an event.
/// </summary>
public sealed class AuditTrailTests(RecordedCampaign campaign) : IClassFixture<RecordedCampaign>
{
    private SuiteFixture Suite => campaign.Suite;
    private string Events => $"{Suite.Schema}.mt_events";

    private Task<CampaignAuditReport> AuditAsync(string? keptHead = null) => LoadAndVerify(keptHead);

    private async Task<CampaignAuditReport> LoadAndVerify(string? keptHead)
    {
        CampaignRecord record = (await CampaignRecordLoader.LoadAsync(Suite.Store, campaign.Id, default))!;
        return CampaignAudit.Verify(record, CheckpointProbe.For(Suite.Checkpoints), keptHead);
    }

    private (int Code, string Output) Cli(params string[] args) => CliRunner.Run(new Dictionary<string, string>
    {
        ["WIDTHRETRAIN_POSTGRES"] = TestInfrastructure.Postgres,
        ["WIDTHRETRAIN_CHECKPOINTS"] = Suite.Checkpoints,
    }, [.. args, "--schema", Suite.Schema]);

    [Fact]
    public async Task TheUntouchedRecord_Verifies_AndItsHeadHashCanBeCheckedLater()
    {
        CampaignAuditReport audit = await AuditAsync();
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
        Assert.NotEmpty(audit.Decisions);
        Assert.True(audit.CheckpointsChecked > 0);
        var (code, output) = Cli("verify", campaign.Id.ToString(), "--head", audit.HeadHash!);
        Assert.True(code == 0, output);
        Assert.Contains($"head hash: {audit.HeadHash}", output);
        var (wrong, said) = Cli("verify", campaign.Id.ToString(), "--head", new string('0', 64));
        Assert.Equal(3, wrong);
        Assert.Contains("is not in the chain: the record was rewritten", said);
    }

    [Fact]
    public async Task TheServicesRole_CannotUpdateDeleteOrTruncateEvents()
    {
        await using var app = new NpgsqlConnection(TestInfrastructure.Postgres);
        await app.OpenAsync();
        foreach (string sql in new[]
                 {
                     $"DELETE FROM {Events} WHERE stream_id = '{campaign.Id}'",
                     $"UPDATE {Events} SET data = '{{}}' WHERE stream_id = '{campaign.Id}'",
                     $"TRUNCATE {Events}",
                     $"DELETE FROM {Suite.Schema}.mt_streams WHERE id = '{campaign.Id}'",
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, app);
            PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.True((await AuditAsync()).Passed);
    }

    [Fact]
    public async Task ThePolicyEditedInPlace_InADecision_FailsTheAuditNamingThatEvent()
    {
        long seq = await SeqAsync("decision_made", last: false);
        await TamperAsync($"UPDATE {Events} SET data = jsonb_set(data, '{{Policy,CapWidth}}', '4096') WHERE seq_id = {seq}", async () =>
        {
            CampaignAuditReport audit = await AuditAsync();
            Assert.False(audit.Passed);
            Assert.Contains("(DecisionMade", audit.Findings[0].Where);
            Assert.Contains("edited after it was appended", audit.Findings[0].What);
            Assert.Contains(audit.Findings, f => f.What.Contains("made under a policy other than the spec's (CapWidth: recorded 4096, expected 64)", StringComparison.Ordinal));
            var (code, output) = Cli("replay", campaign.Id.ToString());
            Assert.Equal(3, code);
            Assert.Contains("audit failed", output);
            Assert.Contains("(DecisionMade", output);
        });
    }

    [Fact]
    public async Task TheLastDecisionAndTheEndDeleted_EvenWithTheStreamVersionFixed_FailTheAudit()
    {
        long decision = await SeqAsync("decision_made", last: true), end = await SeqAsync("campaign_completed", last: true);
        await TamperAsync($"DELETE FROM {Events} WHERE seq_id IN ({decision}, {end})", async () =>
        {
            CampaignAuditReport audit = await AuditAsync();
            Assert.False(audit.Passed);
            Assert.Contains(audit.Findings, f => f.What.Contains("events were deleted from its end", StringComparison.Ordinal));
            Assert.Contains(audit.Findings, f => f.What.Contains("was concluded but its decision is missing", StringComparison.Ordinal));
            var (code, output) = Cli("replay", campaign.Id.ToString());
            Assert.Equal(3, code);
            Assert.Contains("(StageConcluded", output);

            // A careful editor also lowers the stream's version: the missing decision still shows.
            await ExecuteAsOwnerAsync($"UPDATE {Suite.Schema}.mt_streams SET version = version - 2 WHERE id = '{campaign.Id}'");
            CampaignAuditReport again = await AuditAsync();
            Assert.Contains(again.Findings, f => f.What.Contains("was concluded but its decision is missing", StringComparison.Ordinal));
            await ExecuteAsOwnerAsync($"UPDATE {Suite.Schema}.mt_streams SET version = version + 2 WHERE id = '{campaign.Id}'");
        });
    }

    [Fact]
    public async Task TwoEventsSwapped_FailTheAuditAtTheFirstOfThem()
    {
        var (a, b) = await TwoRoundCompletionsAsync();
        await TamperAsync($"""
            UPDATE {Events} SET version = -1 WHERE seq_id = {a.Seq};
            UPDATE {Events} SET version = {a.Version} WHERE seq_id = {b.Seq};
            UPDATE {Events} SET version = {b.Version} WHERE seq_id = {a.Seq};
            """, async () =>
        {
            CampaignAuditReport audit = await AuditAsync();
            Assert.False(audit.Passed);
            AuditFinding first = audit.Findings[0];
            Assert.True(first.Where.Contains($"event {a.Version} (RoundCompleted", StringComparison.Ordinal)
                        || first.Where.Contains($"event {b.Version} (RoundCompleted", StringComparison.Ordinal), first.ToString());
            Assert.Matches("removed, inserted or reordered|out of order|missing", first.What);
        });
    }

    [Fact]
    public async Task AForgedRoundCompletion_WithACorrectlyRecomputedChain_IsCaughtByItsRoundStream()
    {
        // The most careful forger: appends through Marten as the owner, with the chain hashes computed as the planner would.
        long before;
        await using (IQuerySession q = Suite.Store.QuerySession()) before = (await q.Events.FetchStreamStateAsync(campaign.Id))!.Version;
        await using (var owner = DocumentStore.For(o => PlannerStore.Configure(o, TestInfrastructure.PostgresOwner, Suite.Schema)))
        {
            await using var work = PlannerUnitOfWork.Open(owner, campaign.Id, null, "forger");
            _ = await work.CampaignForWritingAsync(default); // fetched for writing: the forgery chains onto its head
            IReadOnlyList<RoundCompleted> rounds = await work.CampaignRoundsAsync(default);
            RoundCompleted forged = rounds[0] with { Accuracy = [.. rounds[0].Accuracy.Select(_ => 0.99)] };
            await work.CommitAsync(new Planner.Deciding.OutcomeBuilder().Append(campaign.Id, forged).Build(), default);
        }
        try
        {
            CampaignAuditReport audit = await AuditAsync();
            Assert.False(audit.Passed);
            Assert.Contains(audit.Findings, f => f.Where.Contains("(RoundCompleted", StringComparison.Ordinal) && f.What.Contains("a second time", StringComparison.Ordinal));
        }
        finally
        {
            await ExecuteAsOwnerAsync($"""
                DELETE FROM {Events} WHERE stream_id = '{campaign.Id}' AND version > {before};
                UPDATE {Suite.Schema}.mt_streams SET version = {before} WHERE id = '{campaign.Id}';
                """);
        }
        Assert.True((await AuditAsync()).Passed);
    }

    private async Task<long> SeqAsync(string type, bool last)
    {
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT seq_id FROM {Events} WHERE stream_id = @id AND type = @type ORDER BY version {(last ? "DESC" : "ASC")} LIMIT 1", c);
        cmd.Parameters.AddWithValue("id", campaign.Id);
        cmd.Parameters.AddWithValue("type", type);
        return (long)(await cmd.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no {type} event"));
    }

    private async Task<((long Seq, long Version) A, (long Seq, long Version) B)> TwoRoundCompletionsAsync()
    {
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT seq_id, version FROM {Events} WHERE stream_id = @id AND type = 'round_completed' ORDER BY version LIMIT 2", c);
        cmd.Parameters.AddWithValue("id", campaign.Id);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(long, long)>();
        while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetInt64(1)));
        return (rows[0], rows[1]);
    }

    /// <summary>Edits the record as the owner, runs the checks, then puts every row of the campaign stream back as it was.</summary>
    private async Task TamperAsync(string sql, Func<Task> check)
    {
        string backup = "tamper_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsOwnerAsync($"CREATE TABLE {Suite.Schema}.{backup} AS SELECT * FROM {Events} WHERE stream_id = '{campaign.Id}'");
        try
        {
            await ExecuteAsOwnerAsync(sql);
            await check();
        }
        finally
        {
            await ExecuteAsOwnerAsync($"""
                DELETE FROM {Events} WHERE stream_id = '{campaign.Id}';
                INSERT INTO {Events} SELECT * FROM {Suite.Schema}.{backup};
                DROP TABLE {Suite.Schema}.{backup};
                """);
        }
        CampaignAuditReport restored = await AuditAsync();
        Assert.True(restored.Passed, "restored: " + string.Join("\n", restored.Findings));
    }

    private static async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }
}
