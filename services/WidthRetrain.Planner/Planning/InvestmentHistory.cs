using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Costs;
using WidthRetrain.Investment.Evidence;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Planning;

/// <summary>
/// The stages of a staged investment as the policy sees them, rebuilt from recorded events only (the stage
/// definitions and the completed rounds): what the planner decides from, and what replay decides from again.
/// Optionally under another price book: every round is re-priced from its recorded device seconds and FLOPs.
/// </summary>
public static class InvestmentHistory
{
    /// <summary>Built-in datasets are 28x28 images of 10 classes; the cost forecast only needs the parameter ratio between widths.</summary>
    public static CampaignShape Shape(CampaignSpec spec) => new(784, 10, spec.Depth);

    /// <summary>Rounds in one fixed order (stage, arm, seed, task), whatever order they were read in.</summary>
    public static IEnumerable<RoundCompleted> Canonical(IEnumerable<RoundCompleted> rounds) =>
        rounds.OrderBy(r => r.Round.Stage).ThenBy(r => r.Round.Arm, StringComparer.Ordinal).ThenBy(r => r.Round.Seed).ThenBy(r => r.Round.TaskIndex);

    public static (IReadOnlyList<StageRecord> Stages, IReadOnlyList<double> SpentAfter) Build(IReadOnlyList<StageStarted> stages,
        IReadOnlyCollection<RoundCompleted> rounds, InvestmentPolicy policy, PriceBook? reprice = null)
    {
        // A canonical order first: the planner holds rounds in dictionary order, replay in stream order, and sums of
        // floating-point costs must come out the same bits in both.
        RoundCompleted[] priced = Canonical(rounds)
            .Select(r => reprice is null ? r : r with
            {
                Cost = RoundPricing.Price(reprice, r.TrainDevice, r.TrainDeviceSeconds, r.EvalDevice, r.EvalDeviceSeconds, r.ForwardFlopsPerSample, r.Flops),
            }).ToArray();
        var byArm = priced.GroupBy(r => r.Round.Arm).ToDictionary(g => g.Key, g => g.ToArray());
        var records = new List<StageRecord>();
        var spent = new List<double>();
        foreach (StageStarted stage in stages.OrderBy(s => s.Stage))
        {
            if (stage.Incumbent is null || stage.Candidate is null) continue;
            if (!byArm.TryGetValue(stage.Incumbent, out RoundCompleted[]? incumbent) || !byArm.TryGetValue(stage.Candidate, out RoundCompleted[]? candidate))
                break;
            if (candidate.Count(r => r.Round.Stage == stage.Stage) < stage.Rounds / stage.Arms.Count) break; // not complete yet
            var comparison = ArmComparison.Of(StageConclusion.Outcomes(incumbent).ToArray(), StageConclusion.Outcomes(candidate).ToArray(), policy);
            records.Add(new StageRecord(stage.Stage, comparison, stage.Lever,
                incumbent.Concat(candidate).SelectMany(r => r.SourceEventIds).ToArray()));
            spent.Add(priced.Where(r => r.Round.Stage <= stage.Stage).Sum(r => r.Cost.Total));
        }
        return (records, spent);
    }
}
