using System.Text.Json.Serialization;

namespace WidthRetrain.Planner.State;

/// <summary>
/// Where a campaign stands. Stored by name in lower case ("running"), as the campaign summaries have always stored it,
/// so documents written before this was an enum still read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignStatus>))]
public enum CampaignStatus
{
    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("completed")]
    Completed,

    [JsonStringEnumMemberName("failed")]
    Failed,
}
