using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Dashboard.Decisions;

/// <summary>The decision timeline of a campaign, from its stream (<see cref="CampaignHistory"/>): every stage started, with its decision once made.</summary>
public static class DecisionTimeline
{
    public static IReadOnlyList<DecisionEntry> Of(CampaignHistory history)
    {
        var decided = history.Decisions.GroupBy(d => d.Decision.Stage).ToDictionary(g => g.Key, g => g.Last());
        string unit = NumberText.ReturnUnit(history.Policy?.ReturnUnit, history.Spec.Prices.Currency);
        return [.. history.Stages.OrderBy(s => s.Stage).Select(s => Entry(s, decided.GetValueOrDefault(s.Stage), unit))];
    }

    private static DecisionEntry Entry(StageStarted stage, DecisionMade? made, string unit)
    {
        InvestmentDecision? d = made?.Decision;
        return new DecisionEntry(stage.Stage, stage.Incumbent, stage.Candidate, stage.Lever is null ? null : DecisionText.Lever(stage.Lever), stage.Rounds,
            d is null ? null : DecisionText.Step(d), d is null ? null : DecisionText.Verdict(d), d?.Explanation, d?.Numbers,
            d is null ? null : DecisionText.Policy(d.PolicyName, d.PolicyVersion), d?.EvidenceEventIds.Count ?? 0, unit);
    }
}
