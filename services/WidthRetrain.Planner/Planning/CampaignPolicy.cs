using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Planner.Planning;

/// <summary>The policy a campaign decides under: the spec's, with the campaign's budget when it has one (null for fixed widths).</summary>
public static class CampaignPolicy
{
    public static InvestmentPolicy? Of(CampaignSpec spec) => spec.Policy is null ? null : spec.Policy with { Budget = spec.Budget ?? spec.Policy.Budget };
}
