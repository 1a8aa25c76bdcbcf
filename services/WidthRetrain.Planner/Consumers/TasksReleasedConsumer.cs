using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Records the task sequences and starts stage 1 (<see cref="TasksReleasedDecider"/>).</summary>
public sealed class TasksReleasedConsumer(IDocumentStore store, ILogger<TasksReleasedConsumer> log) : IConsumer<TasksReleased>
{
    public async Task Consume(ConsumeContext<TasksReleased> context)
    {
        TasksReleased m = context.Message;
        MessageVersion.Require(m, 1);
        await using var work = PlannerUnitOfWork.Open(store, m.CampaignId, context.MessageId, nameof(TasksReleased));
        var campaign = await work.CampaignForWritingAsync(context.CancellationToken);
        var rounds = campaign is null ? new Dictionary<Guid, State.RoundState>() : await work.RoundsAsync(TasksReleasedDecider.RoundsToLoad(campaign), context.CancellationToken);
        PlannerOutcome outcome = TasksReleasedDecider.Decide(m, campaign, rounds);
        await work.CommitAsync(outcome, context.CancellationToken);
        await PlannerMessages.SendAsync(context, outcome, log, context.CancellationToken);
    }
}
