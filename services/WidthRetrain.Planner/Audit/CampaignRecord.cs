namespace WidthRetrain.Planner.Audit;

/// <summary>
/// Everything the store holds about a campaign, as recorded: its stream and the streams of every round its stages
/// imply (a round without a stream has an empty list), with the versions the store's stream table claims.
/// </summary>
public sealed record CampaignRecord(Guid CampaignId, IReadOnlyList<RecordedEvent> Events, long? StreamVersion, IReadOnlyDictionary<Guid, RoundRecord> Rounds);

/// <summary>One round stream as recorded.</summary>
public sealed record RoundRecord(Guid RoundId, IReadOnlyList<RecordedEvent> Events, long? StreamVersion);
