using Marten;
using MassTransit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Keeps the latest heartbeat of each campaign's workers, so a long round is not taken for a lost one.</summary>
public sealed class RoundInProgressConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<RoundInProgress>
{
    public async Task Consume(ConsumeContext<RoundInProgress> context)
    {
        RoundInProgress m = context.Message;
        MessageVersion.Require(m, 1);
        await using IDocumentSession session = store.LightweightSession();
        session.Store(new CampaignActivity
        {
            Id = m.Round.CampaignId,
            LastHeartbeatAt = clock.GetUtcNow(),
            Round = $"{m.Round.Arm} seed {m.Round.Seed} task {m.Round.TaskIndex + 1}/{m.Round.TaskCount}",
            Service = m.Service,
            Worker = m.Worker,
        });
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
