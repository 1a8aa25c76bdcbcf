using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Planner.Planning;

/// <summary>Which arms a stage trains. Pure. A stage here runs every width the spec lists, one arm per width.</summary>
public static class StagePlan
{
    public static string ArmName(int width) => $"w{width}";

    public static IReadOnlyList<ArmSpec> Arms(CampaignSpec spec) =>
        spec.Widths.Order().Select(w => new ArmSpec(ArmName(w), w, spec.Depth, spec.Activation, spec.Training)).ToArray();

    public static int Rounds(CampaignSpec spec, int arms) => arms * spec.Seeds.Count * spec.Drift.Tasks;
}
