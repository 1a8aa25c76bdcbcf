using System.Text;
using System.Text.Json;
using Marten;
using MassTransit;
using RabbitMQ.Client;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// A rolling upgrade on the real broker: the cost accountant is still version 1 and answers every PriceRound with a
/// RoundCosted v1 (with "arm", schemaVersion 1) as raw JSON in MassTransit's envelope. The planner, which writes v2,
/// accepts it, records it as v2, and the campaign completes with an intact record.
/// </summary>
public sealed class MessageVersionFlowTests : IAsyncLifetime
{
    private readonly SuiteFixture suite = new();
    private int answered;

    public async Task InitializeAsync()
    {
        await suite.StartPlannerAsync();
        await suite.StartDriftGeneratorAsync();
        await suite.StartTrainerAsync();
        await suite.StartEvaluatorAsync();
        await suite.StartObserverAsync(x => x.AddHandler<PriceRound>(async ctx =>
        {
            await PublishVersion1Async(ctx.Message);
            Interlocked.Increment(ref answered);
        }));
    }

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task AVersion1CostAccountant_IsUnderstood_AndItsAnswersAreRecordedAsVersion2()
    {
        Guid id = NewId.NextGuid();
        await suite.Bus.Publish(new StartCampaign(id, Campaigns.Small([16], [1], tasks: 2)));
        var end = await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(3));
        Assert.Equal(WidthRetrain.Planner.State.CampaignStatus.Completed, end.Status);
        Assert.Equal(2, answered);

        await using IQuerySession q = suite.Store.QuerySession();
        var costed = await q.Events.QueryAllRawEvents().Where(e => e.EventTypeName == PlannerStore.RoundCostedV2).ToListAsync();
        Assert.Equal(2, costed.Count);
        Assert.All(costed, e => Assert.Equal(RoundCosted.Version, ((RoundCosted)e.Data).SchemaVersion));
        Assert.Equal(3.0e-6, ((RoundCosted)costed.Single(e => ((RoundCosted)e.Data).Round.TaskIndex == 0).Data).CumulativeCost, 12);
        CampaignAuditReport audit = CampaignAudit.Verify((await CampaignRecordLoader.LoadAsync(suite.Store, id, default))!);
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
    }

    /// <summary>What the previous cost accountant put on the wire: its own JSON, "arm" included, version 1.</summary>
    private async Task PublishVersion1Async(PriceRound m)
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        string envelope = JsonSerializer.Serialize(new
        {
            messageId = NewId.NextGuid(),
            messageType = new[] { "urn:message:WidthRetrain.Contracts.Rounds:RoundCosted" },
            message = new
            {
                round = m.Round,
                arm = m.Arm.Name,
                cost = new RoundCost(1e-6, 2e-6, 0, 0, null, 3e-6, 4e-5, "USD"),
                cumulativeCost = m.PreviousCumulativeCost + 3e-6,
                schemaVersion = 1,
            },
        }, web);
        await using IConnection connection = await new ConnectionFactory { Uri = new Uri(TestInfrastructure.RabbitMq) }.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync($"{suite.Prefix}.WidthRetrain.Contracts.Rounds:RoundCosted", "", mandatory: true,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true }, Encoding.UTF8.GetBytes(envelope));
    }
}
