using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;

namespace WidthRetrain.Contracts.Subscribing;

/// <summary>
/// The events an integrator can subscribe to. The planner publishes each, after it is recorded, to one topic exchange
/// (<see cref="Exchange"/>) with the routing key "{event}.{campaign id}", e.g. "decision.made.3f2a…": bind a queue of
/// your own with "#" for everything, "decision.made.*" for one kind, or "*.*.{id}" for one campaign. The suite's own
/// queues are never bound there, so a subscriber cannot take messages from the suite.
/// </summary>
public static class SubscriberEvents
{
    /// <summary>The exchange's name without an endpoint prefix; with one it is "{prefix}.widthretrain.events".</summary>
    public const string Exchange = "widthretrain.events";

    /// <summary>Each subscriber event's type and the first two words of its routing key, in the order a campaign emits them.</summary>
    public static IReadOnlyList<(Type Type, string Key)> All { get; } =
    [
        (typeof(CampaignStarted), "campaign.started"),
        (typeof(CampaignRejected), "campaign.rejected"),
        (typeof(StageStarted), "stage.started"),
        (typeof(RoundRecorded), "round.recorded"),
        (typeof(StageConcluded), "stage.concluded"),
        (typeof(DecisionMade), "decision.made"),
        (typeof(CampaignCompleted), "campaign.completed"),
        (typeof(CampaignFailed), "campaign.failed"),
    ];

    public static string ExchangeFor(string? endpointPrefix) => string.IsNullOrEmpty(endpointPrefix) ? Exchange : $"{endpointPrefix}.{Exchange}";

    public static bool IsSubscriberEvent(Type type) => All.Any(e => e.Type == type);

    /// <summary>"{event}.{campaign id}" for a subscriber event.</summary>
    public static string RoutingKey(object message)
    {
        string key = All.FirstOrDefault(e => e.Type == message.GetType()).Key
                     ?? throw new ArgumentException($"{message.GetType().Name} is not a subscriber event", nameof(message));
        return $"{key}.{CampaignOf(message):D}";
    }

    public static Guid CampaignOf(object message) => message switch
    {
        CampaignStarted m => m.CampaignId,
        CampaignRejected m => m.CampaignId,
        RoundRecorded m => m.Round.CampaignId,
        StageStarted m => m.CampaignId,
        StageConcluded m => m.CampaignId,
        DecisionMade m => m.CampaignId,
        CampaignCompleted m => m.CampaignId,
        CampaignFailed m => m.CampaignId,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a subscriber event", nameof(message)),
    };
}
