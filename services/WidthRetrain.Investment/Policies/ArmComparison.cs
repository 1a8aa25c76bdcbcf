using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Evidence;

namespace WidthRetrain.Investment.Policies;

/// <summary>
/// Candidate against incumbent over the seeds both ran: the gain (incumbent's forgetting minus the candidate's, paired
/// by seed, with its Student-t interval) and the extra cost of the candidate per retraining cycle (training and
/// evaluation of every seed, plus the serving volume times the difference in serving cost per million).
/// </summary>
public sealed record ArmComparison(
    string IncumbentArm,
    int IncumbentWidth,
    double IncumbentForgetting,
    string CandidateArm,
    int CandidateWidth,
    double CandidateForgetting,
    Estimate Gain,
    double ExtraCost,
    double CandidateCost)
{
    /// <summary>What turns gain per currency unit into the policy's return unit (<see cref="InvestmentPolicy.ReturnScale"/>); 1 for recorded policies.</summary>
    public double ReturnScale { get; init; } = 1;

    /// <summary>Forgetting reduction per unit of extra cost, in the policy's return unit; infinite when the candidate costs no more.</summary>
    // Gain × 1 / cost is bit for bit Gain / cost: recorded decisions replay to the same numbers.
    public double ReturnPerCost => ExtraCost <= 0 ? double.PositiveInfinity : Gain.Mean * ReturnScale / ExtraCost;

    public static ArmComparison Of(IReadOnlyList<SeedOutcome> incumbent, IReadOnlyList<SeedOutcome> candidate, InvestmentPolicy policy)
    {
        var pairs = incumbent.Join(candidate, i => i.Seed, c => c.Seed, (i, c) => (I: i, C: c)).ToArray();
        if (pairs.Length == 0) throw new ArgumentException("candidate and incumbent share no seed: nothing to compare");
        Estimate gain = EstimateCalculator.Required(pairs.Select(p => p.I.Forgetting - p.C.Forgetting), policy.Confidence);
        double incumbentCost = pairs.Sum(p => p.I.TrainingCost + p.I.EvaluationCost);
        double candidateCost = pairs.Sum(p => p.C.TrainingCost + p.C.EvaluationCost);
        double serving = policy.ServingMillionsPerCycle * (pairs.Average(p => p.C.ServingCostPerMillion) - pairs.Average(p => p.I.ServingCostPerMillion));
        return new ArmComparison(pairs[0].I.Arm, pairs[0].I.Width, pairs.Average(p => p.I.Forgetting), pairs[0].C.Arm, pairs[0].C.Width,
            pairs.Average(p => p.C.Forgetting), gain, candidateCost - incumbentCost + serving, candidateCost)
        { ReturnScale = policy.ReturnScale };
    }
}
