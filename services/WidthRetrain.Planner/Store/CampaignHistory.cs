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
        return Of(campaignId, [.. events.Select(e => e.Data)]);
    }

    /// <summary>From a record the audit has already loaded: the campaign stream is not read twice.</summary>
    public static CampaignHistory? Of(Audit.CampaignRecord record) => Of(record.CampaignId, [.. record.Events.Select(e => e.Data)]);

    private static CampaignHistory? Of(Guid campaignId, IReadOnlyList<object> data)
    {
        if (data.Count == 0 || data[0] is not CampaignStarted started) return null;
        return new CampaignHistory(campaignId, started.Spec, [.. data.OfType<StageStarted>()], [.. data.OfType<RoundCompleted>()],
            [.. data.OfType<DecisionMade>()], data.Count);
    }
}
