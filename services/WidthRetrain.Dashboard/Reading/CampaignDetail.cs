namespace WidthRetrain.Dashboard.Reading;

/// <summary>A campaign's header and live progress: what the page shows at the top and what the events stream pushes.</summary>
/// <param name="Decisions">The summary's one-line decisions, in order.</param>
/// <param name="ProgressAt">When the record last advanced (the time a live update is measured from).</param>
public sealed record CampaignDetail(
    CampaignListItem Campaign,
    string? LastRound,
    double DeviceSeconds,
    DateTimeOffset ProgressAt,
    int Redrives,
    string? LastRedrive,
    IReadOnlyList<string> Decisions);
