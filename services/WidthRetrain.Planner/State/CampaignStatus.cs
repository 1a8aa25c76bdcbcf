namespace WidthRetrain.Planner.State;

public enum CampaignStatus
{
    Running,
    Completed,
    Failed,
}
