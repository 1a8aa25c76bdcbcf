using System.Diagnostics;
using System.Text;
using JasperFx.Events;
using Marten;
using RabbitMQ.Client;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Faults.Tests;

/// <summary>Duplicates and garbage on the bus, and a message that keeps killing its consumer.</summary>
[Trait("Category", "Faults")]
public sealed class MessageFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task EveryMessageSentTwiceMore_AndGarbage_NothingRecordedTwice_GarbageToErrorQueues()
    {
        await using var suite = new FaultSuite();
        await suite.StartAsync("trainer-a", "trainer-b");
        var wall = Stopwatch.StartNew();
        CampaignSpec spec = Campaigns.TwentyFourRounds;
        Guid id = await suite.StartCampaignAsync(spec);
        await suite.WaitForRoundsAsync(id, 8, Patience);

        // Every command and event recorded so far, twice more, as a redelivering broker or a confused integrator would.
        await using (IQuerySession q = suite.Store.QuerySession())
        {
            IReadOnlyList<IEvent> campaign = await q.Events.FetchStreamAsync(id);
            var tasks = campaign.Select(e => e.Data).OfType<TasksReleased>().Single();
            IReadOnlyList<Guid> roundIds = await q.Query<RoundView>().Where(r => r.CampaignId == id).Select(r => r.Id).ToListAsync();
            var sent = new List<object> { new StartCampaign(id, spec), tasks };
            foreach (Guid r in roundIds)
                foreach (IEvent e in await q.Events.FetchStreamAsync(r))
                    sent.Add(e.Data is RoundScheduled s
                        ? new TrainRound(s.Round, s.Arm, tasks.Sequences.Single(x => x.Seed == s.Round.Seed).Tasks, s.Parent, s.History ?? [])
                        : e.Data);
            for (int copy = 0; copy < 2; copy++)
                foreach (object m in sent)
                    await suite.Bus.Publish(m, m.GetType());

            // Garbage: a version no consumer knows, a round never scheduled, bytes that are not JSON, a bad spec.
            var trained = (RoundTrained)(await q.Events.FetchStreamAsync(roundIds[0])).First(e => e.Data is RoundTrained).Data;
            await suite.Bus.Publish(trained with { SchemaVersion = 2 });
            await suite.Bus.Publish(trained with { Round = trained.Round with { RoundId = Guid.NewGuid() } });
            await PublishRawAsync(suite, "WidthRetrain.Contracts.Rounds:RoundTrained", "{ this is not json");
        }
        Guid rejected = await suite.StartCampaignAsync(spec with { Widths = [0], Seeds = [] });

        await SuiteFaultTests.AssertCompletesIntact(suite, id, 24, "duplicates and garbage",
            "every command and event so far published twice more; a v2 message, an unscheduled round, non-JSON bytes, a bad spec", [], wall);
        await using IQuerySession after = suite.Store.QuerySession();
        Assert.Null(await after.Events.FetchStreamStateAsync(rejected)); // refused: nothing recorded
        // The duplicates queue up ahead of the garbage; once the planner has worked through them, the three bad ones wait in its error queue.
        var clock = Stopwatch.StartNew();
        int errors;
        while ((errors = FaultSuite.QueueMessages($"{suite.Prefix}-round-trained_error")) < 3 && clock.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(1000);
        Assert.Equal(3, errors);
    }

    [Fact]
    public async Task AMessageThatKeepsKillingItsConsumer_IsDeadLettered_ThenSentAgain_AndTheCampaignCompletes()
    {
        // Two redeliveries allowed: the third delivery that dies goes to the error queue instead of crash-looping.
        await using var suite = new FaultSuite(new Dictionary<string, string> { ["Bus__DeliveryLimit"] = "2" });
        await suite.StartAsync("trainer-a");
        var wall = Stopwatch.StartNew();
        // One chain, so the only TrainRound in the queue is the one being killed; rounds of a few seconds.
        Guid id = await suite.StartCampaignAsync(Campaigns.Spec([64], [1], 3, train: 12_000, epochs: 3));
        string? round = null;
        int kills = 0;
        while (kills < 3)
        {
            string holding = await WaitForTrainingAsync(suite, id, TimeSpan.FromMinutes(2));
            if (holding != round) (round, kills) = (holding, 0); // it finished the last one in time: start over with this one
            await suite.KillAndRestartAsync("trainer-a", TimeSpan.FromMilliseconds(200));
            kills++;
        }
        // Quorum queues report their counts a few seconds late.
        var clock = Stopwatch.StartNew();
        int dead;
        while ((dead = FaultSuite.QueueMessages($"{suite.Prefix}-train-round_error")) < 1 && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(500);
        Assert.Equal(1, dead);
        // The planner sees no progress, sends the round again, and the campaign completes.
        await SuiteFaultTests.AssertCompletesIntact(suite, id, 3, "poison message",
            "the trainer killed 3 times on one round (delivery limit 2): dead-lettered, then sent again by the planner", [], wall);
    }

    /// <summary>Waits until a trainer's heartbeat says it is training a round of the campaign; returns which.</summary>
    private static async Task<string> WaitForTrainingAsync(FaultSuite suite, Guid id, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await using (IQuerySession q = suite.Store.QuerySession())
            {
                CampaignActivity? a = await q.LoadAsync<CampaignActivity>(id);
                if (a is { Service: "trainer" } && a.LastHeartbeatAt > DateTimeOffset.UtcNow.AddSeconds(-1.5)) return a.Round;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no trainer heartbeat for campaign {id} ({suite.Logs()})");
    }

    /// <summary>Publishes raw bytes to a message type's exchange, as a broken client of another language might.</summary>
    private static async Task PublishRawAsync(FaultSuite suite, string messageType, string body)
    {
        await using IConnection c = await new ConnectionFactory { Uri = new Uri(FaultSuite.RabbitMqUrl("CLI")) }.CreateConnectionAsync();
        await using IChannel channel = await c.CreateChannelAsync();
        var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync($"{suite.Prefix}.{messageType}", "", false, props, Encoding.UTF8.GetBytes(body));
    }
}
