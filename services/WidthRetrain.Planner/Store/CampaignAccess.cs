namespace WidthRetrain.Planner.Store;

/// <summary>How a planner step reads the campaign stream: not at all, read only, or fetched for writing (appends follow).</summary>
public enum CampaignAccess
{
    None,
    Read,
    Write,
}
