using WidthRetrain.Investment.Evidence;

namespace WidthRetrain.Investment.Tests.Evidence;

public class EvidenceTests
{
    [Fact]
    public void Estimate_UsesTheStudentTInterval()
    {
        // 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.302653, half-width 4.302653 / sqrt(3) = 2.484138.
        var e = EstimateCalculator.Required([1.0, 2.0, 3.0]);
        Assert.Equal(2, e.Mean, 12);
        Assert.Equal(1, e.Std, 12);
        Assert.Equal(2 - 2.484138, e.Low, 5);
        Assert.Equal(2 + 2.484138, e.High, 5);
        Assert.Equal(3, e.N);
    }

    [Fact]
    public void Estimate_OfOneValueIsThePoint_AndOfNothingIsNull()
    {
        var e = EstimateCalculator.Required([0.3]);
        Assert.Equal((0.3, 0.0, 0.3, 0.3, 1), (e.Mean, e.Std, e.Low, e.High, e.N));
        Assert.Null(EstimateCalculator.Of([null, null]));
        Assert.Throws<ArgumentException>(() => EstimateCalculator.Required([]));
    }

    [Fact]
    public void StageEvidence_GroupsByArm_OrdersByWidth_AndSumsCosts()
    {
        SeedOutcome O(string arm, int width, long seed, double f) =>
            new(arm, width, seed, 0.5, f, f, 0.8, -f, null, 1.0, 0.1, 0.01 * width, 10);
        var evidence = StageEvidenceBuilder.Build([O("w64", 64, 1, 0.2), O("w32", 32, 1, 0.3), O("w32", 32, 2, 0.5), O("w64", 64, 2, 0.2)]);

        Assert.Equal(["w32", "w64"], evidence.Select(e => e.Arm));
        Assert.Equal(0.4, evidence[0].Forgetting.Mean, 12);
        Assert.Equal(2, evidence[0].Seeds);
        Assert.Equal(2.0, evidence[0].TrainingCost, 12);
        Assert.Equal(0.2, evidence[0].EvaluationCost, 12);
        Assert.Equal(20, evidence[0].DeviceSeconds, 12);
        Assert.Null(evidence[0].ForwardTransfer);
        Assert.Equal(0, evidence[1].Forgetting.Std, 12);
    }
}
