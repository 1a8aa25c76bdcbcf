using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Scaling;
using static WidthRetrain.Investment.Tests.Policies.Evidence;

namespace WidthRetrain.Investment.Tests.Scaling;

public class MeasuredWidthCurveTests
{
    [Fact]
    public void OnePointPerWidth_TheLastMeasurement_InTheOrderWidthsWereFirstMeasured()
    {
        IReadOnlyList<WidthCurvePoint> curve = MeasuredWidthCurve.Of([(64, 0.3), (32, 0.4), (64, 0.25)]);
        Assert.Equal([(64.0, 0.25), (32.0, 0.4)], curve.Select(p => (p.Width, p.Value)));
    }

    [Fact]
    public void FromStages_LeavesLeverPilotsOut()
    {
        var policy = new InvestmentPolicy();
        StageRecord[] stages =
        [
            Stage(1, 32, [0.30, 0.31], 0.01, 64, [0.25, 0.26], 0.02, policy),
            Stage(2, 64, [0.25, 0.26], 0.02, 64, [0.10, 0.11], 0.04, policy, new LeverOption(LeverOption.Replay, 100)),
        ];
        Assert.Equal([(32.0, 0.305), (64.0, 0.255)], MeasuredWidthCurve.Of(stages).Select(p => (p.Width, Math.Round(p.Value, 6))));
    }
}
