using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using RabbitMQ.Client;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Contracts;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// Integration from another language: the Python example client (Debian's python3-pika, no .NET) starts a campaign on
/// the real RabbitMQ with the integrator's least rights and follows it through the subscriber events; two suites on one
/// broker hear nothing of each other.
/// </summary>
public sealed class IntegratorTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();

    public Task InitializeAsync() => suite.StartSuiteAsync();

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task APythonClient_StartsAStagedCampaign_AndHearsEveryRoundAndTheDecisionsShowReports()
    {
        string summaryFile = Path.Combine(suite.Checkpoints, "python-summary.json");
        var (code, output) = RunPythonClient("--prefix", suite.Prefix, "--summary", summaryFile, "--timeout", "400");
        Assert.True(code == 0, output);
        using JsonDocument heard = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        JsonElement h = heard.RootElement;
        Guid id = h.GetProperty("campaignId").GetGuid();
        Assert.Equal("completed", h.GetProperty("status").GetString());
        string[] events = [.. h.GetProperty("events").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal("campaign.started", events[0]);
        Assert.Equal("campaign.completed", events[^1]);

        // What `show` reports from the record is what the client heard: every round once, the same decisions.
        string json = Path.Combine(suite.Checkpoints, "show.json");
        var (showCode, shown) = CliRunner.Run(new Dictionary<string, string> { ["WIDTHRETRAIN_POSTGRES"] = TestInfrastructure.Postgres },
            "show", id.ToString(), "--schema", suite.Schema, "--json", json);
        Assert.True(showCode == 0, shown);
        CampaignReport report = JsonSerializer.Deserialize<CampaignReport>(await File.ReadAllTextAsync(json), WidthRetrain.Cli.Shared.Json.Options)!;
        Assert.Equal(report.Summary.RoundsDone, h.GetProperty("rounds").GetInt32());
        Assert.Equal(report.Summary.RoundsDone, events.Count(e => e == "round.recorded"));
        string[] decisions = [.. h.GetProperty("decisions").EnumerateArray().Select(d =>
        {
            string action = d.GetProperty("action").GetString()!;
            string? reason = d.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : d.GetProperty("reason").GetString();
            return $"stage {d.GetProperty("stage").GetInt32()}: {action}{(reason is not null && action == nameof(DecisionAction.Stop) ? $" ({reason})" : "")}: {d.GetProperty("explanation").GetString()}";
        })];
        Assert.NotEmpty(decisions);
        Assert.Equal(report.Summary.Decisions, decisions);
        Assert.Contains($"started campaign {id}", output);
        Assert.Contains("decide  stage 1: ", output);
    }

    [Fact]
    public async Task TwoSuitesOnOneBroker_HearNothingOfEachOther_AndThePythonClientIsToldWhyASpecIsRejected()
    {
        await using var other = new SuiteFixture();
        await other.StartPlannerAsync();
        await using EventSubscription here = await EventSubscription.OpenAsync(TestInfrastructure.RabbitMqIntegrator, suite.Prefix, "#");
        await using EventSubscription there = await EventSubscription.OpenAsync(TestInfrastructure.RabbitMqIntegrator, other.Prefix, "#");
        CampaignSpec bad = Campaigns.Small([32], [1]) with { Drift = new DriftSpec("spiral", 2) };
        Guid mine = NewId.NextGuid(), theirs = NewId.NextGuid();
        await suite.Bus.Publish(new StartCampaign(mine, bad));
        await other.Bus.Publish(new StartCampaign(theirs, bad));

        Assert.Equal($"campaign.rejected.{mine}", (await here.TakeAsync(TimeSpan.FromSeconds(30)))?.RoutingKey);
        Assert.Equal($"campaign.rejected.{theirs}", (await there.TakeAsync(TimeSpan.FromSeconds(30)))?.RoutingKey);
        Assert.Null(await here.TakeAsync(TimeSpan.FromSeconds(2)));
        Assert.Null(await there.TakeAsync(TimeSpan.FromMilliseconds(100)));

        // The Python client, given a bad spec, exits 1 with the planner's reasons; nothing was recorded.
        string spec = Path.Combine(suite.Checkpoints, "bad-spec.json");
        await File.WriteAllTextAsync(spec, """{"name": "bad", "drift": {"kind": "spiral", "tasks": 2}, "widths": [16]}""");
        var (code, output) = RunPythonClient("--prefix", suite.Prefix, "--spec", spec, "--timeout", "60");
        Assert.True(code == 1, output);
        Assert.Contains("rejected: drift.kind: unknown value 'spiral'; allowed: rotation, permutation, class-split, gradual-shift", output);
        // "here" hears everything of its suite: the client's campaign, once.
        string? key = (await here.TakeAsync(TimeSpan.FromSeconds(10)))?.RoutingKey;
        Assert.Matches("^campaign\\.rejected\\.[0-9a-f-]{36}$", key);
        Assert.NotEqual($"campaign.rejected.{mine}", key);
        Assert.Null(await here.TakeAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Null(await there.TakeAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task TheAsyncApiDocument_NamesTheQueuesAndExchangesTheRunningSuiteHas()
    {
        JsonNode doc = JsonNode.Parse(AsyncApiDocument.Generate(suite.Prefix, "widthretrain-test"))!;
        string[] queues = [.. doc["operations"]!.AsObject().Select(o => o.Value!["x-queue"]?.GetValue<string>()).OfType<string>().Distinct()];
        string[] exchanges = [.. doc["channels"]!.AsObject().Select(c => c.Value!["address"]!.GetValue<string>())];
        Assert.Equal(11, queues.Length);
        await using IConnection connection = await new ConnectionFactory { Uri = new Uri(TestInfrastructure.RabbitMq) }.CreateConnectionAsync();
        foreach (string q in queues)
            Assert.True(await BrokerQueues.MessageCountAsync(q) is not null, $"queue {q} of the document does not exist on the broker");
        foreach (string x in exchanges)
        {
            await using IChannel channel = await connection.CreateChannelAsync();
            await channel.ExchangeDeclarePassiveAsync(x); // throws (404) when the exchange does not exist
        }
    }

    /// <summary>Runs clients/python/widthretrain_client.py with Debian's Python; the broker URL travels in the environment.</summary>
    private static (int Code, string Output) RunPythonClient(params string[] args) =>
        ProcessRunner.Run("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "clients", "python", "widthretrain_client.py"), .. args],
            new Dictionary<string, string> { ["WIDTHRETRAIN_RABBITMQ"] = TestInfrastructure.RabbitMqIntegrator }, TimeSpan.FromMinutes(8), "the Python client");
}
