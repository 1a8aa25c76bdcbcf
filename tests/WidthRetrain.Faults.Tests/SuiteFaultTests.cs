using System.Diagnostics;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Faults.Tests;

/// <summary>
/// A distributed campaign (every service its own process) under crashes, a database outage and a broker restart. Each
/// asserts the campaign completes with exactly its rounds, no event recorded twice and a record that verifies
/// (`widthretrain replay` exits 0), and adds its figures to the fault report.
/// </summary>
[Trait("Category", "Faults")]
public sealed class SuiteFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task EveryWorkerKilledOrStopped_MidCampaign_CompletesIntact()
    {
        await using var suite = new FaultSuite();
        await suite.StartAsync("trainer-a", "trainer-b");
        var wall = Stopwatch.StartNew();
        Guid id = await suite.StartCampaignAsync(Campaigns.TwentyFourRounds);
        var recoveries = new List<TimeSpan>();
        foreach (var (service, at) in new[] { ("trainer-a", 3), ("evaluator", 7), ("cost-accountant", 11), ("drift-generator", 14) })
        {
            await suite.WaitForRoundsAsync(id, at, Patience);
            var fault = Stopwatch.StartNew();
            await suite.KillAndRestartAsync(service, TimeSpan.FromSeconds(1));
            int done = (await suite.SummaryAsync(id))?.RoundsDone ?? at;
            recoveries.Add(await suite.RecoveryAsync(id, done, fault, Patience));
        }
        // SIGTERM, as a container runtime stops a service: it must exit within seconds, leaving its round for redelivery.
        await suite.WaitForRoundsAsync(id, 17, Patience);
        TimeSpan stopped = suite["trainer-b"].Terminate(TimeSpan.FromSeconds(15));
        Assert.True(stopped < TimeSpan.FromSeconds(12), $"trainer-b took {stopped.TotalSeconds:0.0} s to stop on SIGTERM");
        await suite.RestartAsync("trainer-b");

        await AssertCompletesIntact(suite, id, 24, "workers killed",
            $"kill -9 of trainer, evaluator, cost accountant, drift generator (each restarted after 1 s); SIGTERM of a busy trainer (it stopped in {stopped.TotalSeconds:0.0} s)",
            recoveries, wall);
    }

    [Fact]
    public async Task PlannerKilledThreeTimes_CompletesIntact()
    {
        await using var suite = new FaultSuite();
        await suite.StartAsync("trainer-a", "trainer-b");
        // An integrator follows everything the suite publishes (its own queue, its least rights).
        await using EventSubscription subscriber = await EventSubscription.OpenAsync(FaultSuite.RabbitMqUrl("INTEGRATOR"), suite.Prefix, "#");
        var wall = Stopwatch.StartNew();
        Guid id = await suite.StartCampaignAsync(Campaigns.TwentyFourRounds);
        var random = new Random(11);
        var recoveries = new List<TimeSpan>();
        foreach (int at in new[] { 2, 9, 16 })
        {
            await suite.WaitForRoundsAsync(id, at, Patience);
            // Shortly after a commit: where a planner that commits, then publishes, loses the message it was about to send.
            await Task.Delay(random.Next(0, 150));
            var fault = Stopwatch.StartNew();
            await suite.KillAndRestartAsync("planner", TimeSpan.FromSeconds(1));
            int done = (await suite.SummaryAsync(id))?.RoundsDone ?? at;
            recoveries.Add(await suite.RecoveryAsync(id, done, fault, Patience));
        }
        // The subscriber heard every recorded round and the end, however often the planner died after a commit: the
        // relay publishes from the record, at least once (a repeat is allowed, a gap is not).
        var heard = await subscriber.TakeUntilAsync(Patience, "campaign.completed", "campaign.failed");
        var (distinct, repeats) = RoundsHeard(heard);
        await AssertCompletesIntact(suite, id, 24, "planner killed",
            $"kill -9 of the planner 3 times, 0-150 ms after a commit (restarted after 1 s); a subscriber heard {distinct}/24 rounds ({repeats} twice), the start, stage and end",
            recoveries, wall);
        Assert.Equal(24, distinct);
        // Heard, not heard first: the relay publishes in record order, but messages of different types leave through
        // different exchanges, and the broker does not order deliveries across them (seen once: stage.started ahead of
        // campaign.started, both published back to back).
        Assert.Contains(heard, h => h.RoutingKey == $"campaign.started.{id}");
        Assert.Contains(heard, h => h.RoutingKey == $"stage.concluded.{id}");
        Assert.Equal($"campaign.completed.{id}", heard[^1].RoutingKey);
        Assert.All(heard, h => Assert.EndsWith(id.ToString(), h.RoutingKey));
    }

    [Fact]
    public async Task DatabaseStoppedFor30Seconds_CompletesIntact()
    {
        await using var suite = new FaultSuite();
        await suite.StartAsync("trainer-a", "trainer-b");
        var wall = Stopwatch.StartNew();
        Guid id = await suite.StartCampaignAsync(Campaigns.TwentyFourRounds);
        await suite.WaitForRoundsAsync(id, 6, Patience);
        Shell.Run(Repository.Script("stop-postgres.sh"));
        var outage = Stopwatch.StartNew();
        // The planner says so: its health turns Unhealthy while the database is down.
        Assert.True(await suite.WaitForHealthAsync("planner", "Unhealthy", TimeSpan.FromSeconds(20)), "the planner's health did not report the database outage");
        await Task.Delay(TimeSpan.FromSeconds(30) - outage.Elapsed);
        Shell.Run(Repository.Script("start-postgres.sh"));
        var back = Stopwatch.StartNew();
        int done = (await suite.SummaryAsync(id))?.RoundsDone ?? 6;
        TimeSpan recovery = await suite.RecoveryAsync(id, done, back, Patience);
        await AssertCompletesIntact(suite, id, 24, "database down", "PostgreSQL stopped for 30 s mid-campaign", [recovery], wall);
    }

    [Fact]
    public async Task BrokerRestarted_CompletesIntact()
    {
        await using var suite = new FaultSuite();
        await suite.StartAsync("trainer-a", "trainer-b");
        // An integrator with a durable queue: what the relay publishes before, during and after the restart is kept for it.
        await using EventSubscription subscriber = await EventSubscription.OpenAsync(FaultSuite.RabbitMqUrl("INTEGRATOR"), suite.Prefix, "#", durable: true);
        var wall = Stopwatch.StartNew();
        Guid id = await suite.StartCampaignAsync(Campaigns.TwentyFourRounds);
        await suite.WaitForRoundsAsync(id, 6, Patience);
        var fault = Stopwatch.StartNew();
        Shell.Run(Repository.Script("restart-rabbitmq.sh"));
        int done = (await suite.SummaryAsync(id))?.RoundsDone ?? 6;
        TimeSpan recovery = await suite.RecoveryAsync(id, done, fault, Patience);
        var heard = await subscriber.TakeUntilAsync(Patience, "campaign.completed", "campaign.failed");
        var (distinct, repeats) = RoundsHeard(heard);
        await AssertCompletesIntact(suite, id, 24, "broker restarted",
            $"RabbitMQ restarted mid-campaign (every connection dropped); a subscriber's durable queue heard {distinct}/24 rounds ({repeats} twice) and the end",
            [recovery], wall);
        Assert.Equal(24, distinct);
        Assert.Equal($"campaign.completed.{id}", heard[^1].RoutingKey);
    }

    /// <summary>The distinct rounds among the RoundRecorded events a subscriber took, and how many it took more than once.</summary>
    private static (int Distinct, int Repeats) RoundsHeard(IReadOnlyList<(string RoutingKey, System.Text.Json.JsonElement Message)> heard)
    {
        string[] rounds = [.. heard.Where(h => h.RoutingKey.StartsWith("round.recorded.", StringComparison.Ordinal))
            .Select(h => h.Message.GetProperty("round").GetProperty("roundId").GetString()!)];
        int distinct = rounds.Distinct().Count();
        return (distinct, rounds.Length - distinct);
    }

    internal static async Task AssertCompletesIntact(FaultSuite suite, Guid id, int rounds, string scenario, string faults, IEnumerable<TimeSpan> recoveries,
        Stopwatch wall)
    {
        CampaignSummary end = await suite.WaitForEndAsync(id, Patience);
        Assert.True(end.Status == CampaignStatus.Completed, $"campaign {end.Status}: {end.FailureReason} ({suite.Logs()})");
        RecordCheck check = await RecordCheck.OfAsync(suite, id, rounds);
        FaultReport.Add(scenario, faults, check, recoveries, wall.Elapsed);
        check.AssertIntact();
        // As an auditor would: the CLI's replay, as the services' role, exits 0.
        var (code, output) = CliRunner.Run(new Dictionary<string, string>
        {
            ["WIDTHRETRAIN_POSTGRES"] = TestInfrastructure.Postgres,
            ["WIDTHRETRAIN_CHECKPOINTS"] = suite.Checkpoints,
        }, "replay", id.ToString(), "--schema", suite.Schema);
        Assert.True(code == 0, output);
        Assert.Contains("audit passed", output);
    }
}
