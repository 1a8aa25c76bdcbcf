namespace WidthRetrain.Planner.State;

/// <summary>The status as shown to people and written in JSON: running, completed, failed.</summary>
public static class CampaignStatusText
{
    public static string Text(this CampaignStatus status) => status.ToString().ToLowerInvariant();
}
