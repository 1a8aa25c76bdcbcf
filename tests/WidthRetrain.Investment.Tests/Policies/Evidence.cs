using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Evidence;
using WidthRetrain.Investment.Policies;

namespace WidthRetrain.Investment.Tests.Policies;

/// <summary>Constructed stage evidence: forgetting per seed and cost per seed for an incumbent and a candidate.</summary>
internal static class Evidence
{
    public static readonly CampaignShape Shape = new(784, 10, 1);

    public static StageRecord Stage(int stage, int incumbentWidth, double[] incumbentForgetting, double incumbentCost,
        int candidateWidth, double[] candidateForgetting, double candidateCost, InvestmentPolicy policy, LeverOption? lever = null)
    {
        SeedOutcome[] Arm(string name, int width, double[] f, double cost) =>
            f.Select((v, i) => new SeedOutcome(name, width, i + 1, 0.5, v, v, 0.8, -v, 0.1, cost, 0, 0.001 * width, 1)).ToArray();
        string candidateName = lever is null ? $"w{candidateWidth}" : $"w{candidateWidth}+{lever.Kind}";
        var comparison = ArmComparison.Of(Arm($"w{incumbentWidth}", incumbentWidth, incumbentForgetting, incumbentCost),
            Arm(candidateName, candidateWidth, candidateForgetting, candidateCost), policy);
        return new StageRecord(stage, comparison, lever, [Guid.NewGuid(), Guid.NewGuid()]);
    }
}
