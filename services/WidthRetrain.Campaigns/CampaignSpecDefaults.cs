using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Campaigns;

/// <summary>
/// Completes a partial spec (a JSON file, or a StartCampaign from another system, that leaves fields out) with the
/// defaults the command line gives: the demo campaign's dataset, seeds and widths (none under a policy), depth 1, relu,
/// the default training and price book. Fields inside a given object (drift.tasks, training.lr...) take their record's
/// defaults when left out. Applied before validation, by the CLI and by the planner alike.
/// </summary>
public static class CampaignSpecDefaults
{
    public static CampaignSpec Complete(CampaignSpec spec)
    {
        CampaignSpec demo = CampaignSpec.Demo();
        return spec with
        {
            Name = string.IsNullOrWhiteSpace(spec.Name) ? "campaign" : spec.Name,
            Dataset = spec.Dataset ?? demo.Dataset,
            Drift = spec.Drift ?? demo.Drift,
            Widths = spec.Widths ?? (spec.Policy is null ? demo.Widths : []),
            Depth = spec.Depth == 0 ? demo.Depth : spec.Depth,
            Activation = string.IsNullOrWhiteSpace(spec.Activation) ? demo.Activation : spec.Activation,
            Training = spec.Training ?? demo.Training,
            Seeds = spec.Seeds ?? demo.Seeds,
            Prices = spec.Prices ?? demo.Prices,
        };
    }
}
