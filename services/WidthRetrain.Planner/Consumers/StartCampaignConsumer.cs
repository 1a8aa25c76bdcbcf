using System.Text.Json;
using Marten;
using Marten.Exceptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Mapping;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Validates a campaign (a bad spec is rejected and nothing recorded), starts its stream, asks for its tasks.</summary>
public sealed class StartCampaignConsumer(IDocumentStore store, ILogger<StartCampaignConsumer> log) : IConsumer<StartCampaign>
{
    public async Task Consume(ConsumeContext<StartCampaign> context)
    {
        StartCampaign m = context.Message;
        MessageVersion.Require(m);
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(m.Spec);
        if (problems.Count > 0)
        {
            log.LogWarning("Campaign {CampaignId} rejected: {Problems}", m.CampaignId, string.Join("; ", problems));
            await context.Publish(new CampaignRejected(m.CampaignId, problems));
            return;
        }
        await using IDocumentSession session = PlannerSession.Open(store, context, m.CampaignId);
        CampaignState? state = await session.Events.FetchLatest<CampaignState>(m.CampaignId, context.CancellationToken);
        if (state is null)
        {
            var started = new CampaignStarted(m.CampaignId, m.Spec, DateTimeOffset.UtcNow);
            session.Events.StartStream<CampaignState>(m.CampaignId, started);
            try
            {
                await session.SaveChangesAsync(context.CancellationToken);
                log.LogInformation("Campaign {CampaignId} '{Name}' started: widths {Widths}, seeds {Seeds}, {Tasks} {Scenario} tasks",
                    m.CampaignId, m.Spec.Name, string.Join(",", m.Spec.Widths), string.Join(",", m.Spec.Seeds), m.Spec.Drift.Tasks, m.Spec.Drift.Kind);
                await context.Publish(started);
            }
            catch (ExistingStreamIdCollisionException)
            {
                log.LogInformation("Campaign {CampaignId} was started concurrently; this delivery is a duplicate", m.CampaignId);
                return;
            }
        }
        else if (JsonSerializer.Serialize(state.Spec) != JsonSerializer.Serialize(m.Spec))
        {
            await context.Publish(new CampaignRejected(m.CampaignId, [$"campaignId: {m.CampaignId} is already used by another campaign ('{state.Spec.Name}')"]));
            return;
        }
        if (state?.Sequences is null)
            await context.Publish(new GenerateTasks(m.CampaignId, m.Spec.Dataset, m.Spec.Drift, m.Spec.Seeds));
    }
}
