using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>Continues a failed or interrupted campaign from its record (<see cref="ResumeDecider"/>).</summary>
public sealed class ResumeCampaignConsumer(IDocumentStore store, TimeProvider clock, ILogger<ResumeCampaignConsumer> log) : IConsumer<ResumeCampaign>
{
    public async Task Consume(ConsumeContext<ResumeCampaign> context)
    {
        ResumeCampaign m = context.Message;
        MessageVersion.Require(m, 1);
        CancellationToken cancel = context.CancellationToken;
        await using var work = PlannerUnitOfWork.Open(store, m.CampaignId, context.MessageId, nameof(ResumeCampaign));
        CampaignState? campaign = await work.CampaignForWritingAsync(cancel);
        IReadOnlyList<RoundState> pending = campaign is null ? [] : await work.PendingRoundsAsync(cancel);
        IReadOnlyDictionary<Guid, RoundState> predecessors = await work.RoundsAsync(RoundCommands.PredecessorsOf(pending), cancel);
        var recorded = campaign is { StageAwaitsConclusion: true } ? await work.CampaignRoundsAsync(cancel) : null;
        var sequences = campaign is null ? null : await work.SequencesAsync(campaign, cancel);
        PlannerOutcome outcome = ResumeDecider.Decide(m.CampaignId, campaign, sequences, pending, predecessors.GetValueOrDefault, recorded,
            new Dictionary<Guid, RoundState>(), clock.GetUtcNow());
        await work.CommitAsync(outcome, cancel);
        log.LogInformation("Campaign {CampaignId} resumed: {Commands} command(s) sent again", m.CampaignId, outcome.Messages.Count);
        await PlannerMessages.SendAsync(context, outcome, log, cancel);
    }
}
