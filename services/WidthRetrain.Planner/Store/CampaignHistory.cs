using JasperFx.Events;
using Marten;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;

namespace WidthRetrain.Planner.Store;

/// <summary>What replay needs of a campaign, read from its stream alone: the spec, the stage definitions, the completed rounds and the decisions.</summary>
public sealed record CampaignHistory(
    Guid CampaignId,
    CampaignSpec Spec,
    IReadOnlyList<StageStarted> Stages,
    IReadOnlyList<RoundCompleted> Rounds,
    IReadOnlyList<DecisionMade> Decisions,
    int EventCount)
{
    /// <summary>The policy every decision of this campaign must have been made under.</summary>
    public InvestmentPolicy? Policy => CampaignPolicy.Of(Spec);

    public static async Task<CampaignHistory?> LoadAsync(IQuerySession session, Guid campaignId, CancellationToken cancel)
    {
        IReadOnlyList<IEvent> events = await session.Events.FetchStreamAsync(campaignId, token: cancel);
        if (events.Count == 0 || events[0].Data is not CampaignStarted started) return null;
        return new CampaignHistory(campaignId, started.Spec,
            events.Select(e => e.Data).OfType<StageStarted>().ToArray(),
            events.Select(e => e.Data).OfType<RoundCompleted>().ToArray(),
            events.Select(e => e.Data).OfType<DecisionMade>().ToArray(),
            events.Count);
    }
}
