using JasperFx.Events;
using Marten;
using Npgsql;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// A record written by the previous version (Fixtures/v1-*.json: mt_events and mt_streams of a one-round-per-task
/// campaign, exported from the event store of commit 53029d8, whose RoundCosted was version 1 with "arm"), loaded into
/// a fresh schema: the store reads its RoundCosted events as version 2 (Marten upcasting), and its audit still passes,
/// because the hashes are checked against what was written.
/// </summary>
public sealed class StoredEventVersionTests : IAsyncLifetime
{
    private readonly ScratchStore scratch = new("wr_v1");

    public async Task InitializeAsync()
    {
        var (code, output) = CliRunner.Run(scratch.Environment, ["migrate", .. scratch.Options]);
        Assert.True(code == 0, output);
        string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        string s = scratch.Schema;
        await using var cmd = new NpgsqlCommand(
            $"INSERT INTO {s}.mt_streams SELECT * FROM json_populate_recordset(null::{s}.mt_streams, @streams::json); " +
            $"INSERT INTO {s}.mt_events SELECT * FROM json_populate_recordset(null::{s}.mt_events, @events::json); " +
            $"SELECT setval('{s}.mt_events_sequence', (SELECT max(seq_id) FROM {s}.mt_events));", c);
        cmd.Parameters.AddWithValue("streams", await File.ReadAllTextAsync(Path.Combine(fixtures, "v1-streams.json")));
        cmd.Parameters.AddWithValue("events", await File.ReadAllTextAsync(Path.Combine(fixtures, "v1-events.json")));
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    [Fact]
    public async Task Version1RoundCosted_IsReadAsVersion2_AndTheRecordStillVerifies()
    {
        using DocumentStore store = DocumentStore.For(o => PlannerStore.Configure(o, TestInfrastructure.Postgres, scratch.Schema));
        await using IQuerySession q = store.QuerySession();
        IReadOnlyList<IEvent> costed = await q.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "round_costed").ToListAsync();
        Assert.Equal(2, costed.Count);
        Assert.All(costed, e =>
        {
            RoundCosted v2 = Assert.IsType<RoundCosted>(e.Data); // upcast: the current type, its current version
            Assert.Equal(RoundCosted.Version, v2.SchemaVersion);
            Assert.Equal("w16", v2.Round.Arm);
            Assert.True(v2.CumulativeCost > 0);
        });
        IReadOnlyList<IEvent> round = await q.Events.FetchStreamAsync(costed[0].StreamId);
        Assert.IsType<RoundCosted>(round[^1].Data);

        Guid campaign = Assert.Single(await CampaignRecordLoader.CampaignIdsAsync(store, default));
        CampaignRecord record = (await CampaignRecordLoader.LoadAsync(store, campaign, default))!;
        CampaignAuditReport audit = CampaignAudit.Verify(record);
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
        // It passes because the hash is checked against the version 1 event as written: hashed as read (upcast), it breaks.
        var asRead = record with
        {
            Rounds = record.Rounds.ToDictionary(r => r.Key, r => r.Value with { Events = [.. r.Value.Events.Select(e => e with { AsWritten = null })] }),
        };
        Assert.Contains(CampaignAudit.Verify(asRead).Findings, f => f.ToString().Contains("content does not match its hash"));
        var (code, output) = CliRunner.Run(scratch.Environment, ["verify", campaign.ToString(), .. scratch.Options]);
        Assert.True(code == 0, output);
    }
}
