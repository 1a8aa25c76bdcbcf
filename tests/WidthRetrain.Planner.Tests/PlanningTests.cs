using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;

namespace WidthRetrain.Planner.Tests;

public class PlanningTests
{
    private static readonly Guid Campaign = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public void StagePlan_HasOneArmPerWidth_InOrder_AndCountsRounds()
    {
        CampaignSpec spec = CampaignSpec.Demo() with { Widths = [256, 32, 64], Seeds = [1, 2] };
        var arms = StagePlan.Arms(spec);
        Assert.Equal(["w32", "w64", "w256"], arms.Select(a => a.Name));
        Assert.All(arms, a => Assert.Equal(spec.Training, a.Training));
        Assert.Equal(3 * 2 * 5, StagePlan.Rounds(spec, arms.Count));
    }

    [Fact]
    public void RoundIds_AreDeterministic_AndChainForwardAndBack()
    {
        var arm = new ArmSpec("w32", 32, 1, "relu", new TrainingSpec());
        RoundRef r = RoundIds.Ref(Campaign, 1, arm, 7, 2, 5);
        Assert.Equal(r, RoundIds.Ref(Campaign, 1, arm, 7, 2, 5));
        Assert.NotEqual(r.RoundId, RoundIds.Ref(Campaign, 1, arm, 8, 2, 5).RoundId);
        Assert.Equal(3, RoundIds.Next(r, arm).TaskIndex);
        Assert.Equal(r.RoundId, RoundIds.Previous(RoundIds.Next(r, arm), arm).RoundId);
    }

    private static RoundCompleted Completed(string arm, int width, long seed, int task, double[] row, double[]? init = null) =>
        new(RoundIds.Ref(Campaign, 1, new ArmSpec(arm, width, 1, "relu", new TrainingSpec()), seed, task, 2), row, init,
            new CheckpointRef("x", "y"), 2.0, 0.5, 100, 1e6, new RoundCost(0.01, 0.002, 0.001, 0.0001, null, 0.0121, 0.05, "USD"), 0, "w", []);

    [Fact]
    public void StageConclusion_BuildsEachSeedsAccuracyMatrix_AndTheArmsEvidence()
    {
        // Seed 1: a = [[0.9, 0.2], [0.5, 0.8]] -> AA 0.65, F paper (0.4 + 0) / 2 = 0.2, LA 0.85, BWT -0.4, FWT 0.2 - 0.1 = 0.1.
        // Seed 2: a = [[0.8, 0.3], [0.6, 0.9]] -> AA 0.75, F paper 0.1, LA 0.85, BWT -0.2, FWT 0.3 - 0.1 = 0.2.
        RoundCompleted[] rounds =
        [
            Completed("w32", 32, 1, 1, [0.5, 0.8]), Completed("w32", 32, 1, 0, [0.9, 0.2], [0.1, 0.1]),
            Completed("w32", 32, 2, 0, [0.8, 0.3], [0.1, 0.1]), Completed("w32", 32, 2, 1, [0.6, 0.9]),
        ];
        var arm = StageConclusion.Evidence(rounds).Single();
        Assert.Equal(0.70, arm.AverageAccuracy.Mean, 12);
        Assert.Equal(0.15, arm.Forgetting.Mean, 12);
        Assert.Equal(0.85, arm.LearningAccuracy.Mean, 12);
        Assert.Equal(-0.3, arm.BackwardTransfer!.Mean, 12);
        Assert.Equal(0.15, arm.ForwardTransfer!.Mean, 12);
        Assert.Equal(4 * (0.01 + 0.0001), arm.TrainingCost, 12);
        Assert.Equal(4 * 2.5, arm.DeviceSeconds, 12);
    }

    [Fact]
    public void StageConclusion_RefusesAnIncompleteChain()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StageConclusion.Evidence([Completed("w32", 32, 1, 0, [0.9, 0.2], [0.1, 0.1])]));
        Assert.Contains("1 of 2 rounds", e.Message);
    }
}
