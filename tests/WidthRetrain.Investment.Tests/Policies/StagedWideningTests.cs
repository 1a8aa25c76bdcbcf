using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using static WidthRetrain.Investment.Tests.Policies.Evidence;

namespace WidthRetrain.Investment.Tests.Policies;

public class StagedWideningTests
{
    private static readonly InvestmentPolicy Base = new(ReturnThreshold: 0.5, MinimumGain: 0.005, UseForecast: false);

    // Three seeds each; gains of exactly 0.05 per seed, cost 0.01 -> 0.02 per seed (extra 0.03 over three seeds).
    private static StageRecord Paying(InvestmentPolicy p, int inc = 32, int cand = 64) =>
        Stage(1, inc, [0.30, 0.31, 0.29], 0.01, cand, [0.25, 0.26, 0.24], 0.02, p);

    [Fact]
    public void SignificantGainWithGoodReturn_Widens()
    {
        InvestmentDecision d = StagedWidening.Decide(Base, [Paying(Base)], spent: 0.09, Shape);
        Assert.Equal(DecisionAction.Widen, d.Action);
        Assert.Null(d.Reason);
        Assert.Equal(64, d.IncumbentWidth);
        Assert.Equal(128, d.NextWidth);
        Assert.Equal(0.05, d.Numbers.Gain!.Value, 12);
        Assert.Equal(0.03, d.Numbers.ExtraCost!.Value, 12);
        Assert.Equal(0.05 / 0.03, d.Numbers.ReturnPerCost!.Value, 9);
        Assert.Equal(("staged-widening", 2), (d.PolicyName, d.PolicyVersion));
        Assert.Equal(2, d.EvidenceEventIds.Count);
    }

    [Fact]
    public void GainWhoseIntervalIncludesZero_IsNotSignificant()
    {
        var stage = Stage(1, 32, [0.30, 0.25, 0.35], 0.01, 64, [0.28, 0.30, 0.29], 0.02, Base);
        InvestmentDecision d = StagedWidening.Decide(Base, [stage], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.NotSignificant), (d.Action, d.Reason));
        Assert.True(d.Numbers.GainLow <= 0);
        Assert.Equal(32, d.IncumbentWidth);
    }

    [Fact]
    public void WidthThatDoesNotPay_PilotsTheLevers_FromVersion2()
    {
        var levers = new[] { new LeverOption(LeverOption.Replay, 200) };
        var v2 = Base with { Levers = levers };
        var notSignificant = Stage(1, 32, [0.30, 0.25, 0.35], 0.01, 64, [0.28, 0.30, 0.29], 0.02, v2);
        InvestmentDecision pilot = StagedWidening.Decide(v2, [notSignificant], 0, Shape);
        Assert.Equal((DecisionAction.TryLever, StopReason.NotSignificant, 32), (pilot.Action, pilot.Reason, pilot.IncumbentWidth));
        Assert.Equal(levers[0], pilot.Lever);
        Assert.Contains("includes 0: no gain is distinguishable (n = 3): width does not pay; pilot replay", pilot.Explanation);

        // Significantly worse: said as "more", never as a negative "less".
        var worse = Stage(1, 32, [0.20, 0.21, 0.19], 0.01, 64, [0.25, 0.27, 0.24], 0.02, v2);
        InvestmentDecision d = StagedWidening.Decide(v2, [worse], 0, Shape);
        Assert.Equal(DecisionAction.TryLever, d.Action);
        Assert.StartsWith("width 64 forgets 5.33 pts more than 32; the 95 % interval of the gain [", d.Explanation);
        Assert.Contains("lies below 0", d.Explanation);
        Assert.DoesNotContain("-5.33", d.Explanation);

        // The pilot after a width step that did not pay must meet the threshold, not that step's return (unbounded here:
        // the wider arm happened to cost less).
        var cheaperWider = Stage(1, 32, [0.30, 0.25, 0.35], 0.01, 64, [0.28, 0.30, 0.29], 0.005, v2);
        var replayPilot = Stage(2, 32, [0.30, 0.25, 0.35], 0.01, 32, [0.10, 0.06, 0.14], 0.02, v2, levers[0]);
        InvestmentDecision kept = StagedWidening.Decide(v2, [cheaperWider, replayPilot], 0.1, Shape);
        Assert.Equal(DecisionAction.KeepLever, kept.Action);
        Assert.Contains("beats the threshold 0.5", kept.Explanation);

        // Version 1, which recorded campaigns name, still stops there.
        var v1 = v2 with { Version = StagedWidening.PolicyVersion };
        InvestmentDecision old = StagedWidening.Decide(v1, [notSignificant], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.NotSignificant), (old.Action, old.Reason));
        Assert.Equal(1, old.PolicyVersion);
    }

    [Fact]
    public void ACandidateThatForgetsMore_IsSaidSo_WithoutADoubleNegative()
    {
        // The "width 64 forgets -3.38 pts less than 32".
        var stage = Stage(1, 32, [0.30, 0.25, 0.35], 0.01, 64, [0.34, 0.30, 0.36], 0.02, Base);
        InvestmentDecision d = StagedWidening.Decide(Base, [stage], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.NotSignificant), (d.Action, d.Reason));
        Assert.StartsWith("width 64 forgets 3.33 pts more than 32; the 95 % interval of the gain [", d.Explanation);
        Assert.DoesNotContain("-3.33 pts less", d.Explanation);
        Assert.Contains("includes 0: no gain is distinguishable (n = 3)", d.Explanation);
    }

    [Fact]
    public void ReturnsInPointsPerThousand_AreTheSameDecisionScaled()
    {
        // 5 points for 0.03 more: 0.05 / 0.03 per currency unit, or 5 pts / 0.03 * 1000 = 166,667 pts per 1000.
        InvestmentPolicy legacy = Base, points = Base with { ReturnUnit = InvestmentPolicy.PointsPerThousand, ReturnThreshold = 0.5 * 100_000 };
        InvestmentDecision a = StagedWidening.Decide(legacy, [Paying(legacy)], 0.09, Shape);
        InvestmentDecision b = StagedWidening.Decide(points, [Paying(points)], 0.09, Shape);
        Assert.Equal((a.Action, a.Reason, a.NextWidth), (b.Action, b.Reason, b.NextWidth));
        Assert.Equal(a.Numbers.ReturnPerCost!.Value * 100_000, b.Numbers.ReturnPerCost!.Value, 6);
        Assert.Contains("pts per 1000 spent", b.Explanation);
        Assert.Contains("forgetting fraction per currency unit", a.Explanation);
    }

    [Fact]
    public void RecordedPolicies_KeepTheirReturnsToTheBit()
    {
        // A policy recorded before return units existed has none: gain × 1 / cost must equal gain / cost exactly.
        StageRecord s = Paying(Base);
        Assert.Null(Base.ReturnUnit);
        Assert.Equal(s.Comparison.Gain.Mean / s.Comparison.ExtraCost, s.Comparison.ReturnPerCost);
    }

    [Fact]
    public void SignificantButTinyGain_IsDiminishingReturns()
    {
        var stage = Stage(1, 32, [0.300, 0.301, 0.302], 0.01, 64, [0.298, 0.299, 0.300], 0.011, Base);
        InvestmentDecision d = StagedWidening.Decide(Base, [stage], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.DiminishingReturns), (d.Action, d.Reason));
        Assert.Contains("below the minimum", d.Explanation);
    }

    [Fact]
    public void GainThatCostsTooMuch_IsDiminishingReturns()
    {
        var stage = Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.5, Base);
        InvestmentDecision d = StagedWidening.Decide(Base, [stage], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.DiminishingReturns), (d.Action, d.Reason));
        Assert.Contains("below the threshold", d.Explanation);
    }

    [Fact]
    public void DiminishingReturns_WithALever_PilotsIt()
    {
        var policy = Base with { Levers = [new LeverOption(LeverOption.Replay, 200), new LeverOption(LeverOption.LearningRateDecay, 0.8)] };
        var stage = Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.5, policy);
        InvestmentDecision d = StagedWidening.Decide(policy, [stage], 0, Shape);
        Assert.Equal(DecisionAction.TryLever, d.Action);
        Assert.Equal(new LeverOption(LeverOption.Replay, 200), d.Lever);
        Assert.Equal(32, d.IncumbentWidth);
        Assert.Equal(2 * 3 * 0.01, d.Numbers.ForecastCost!.Value, 12); // replay doubles the incumbent's cost
    }

    [Fact]
    public void LeverThatPaysMoreThanWidth_IsKept_OneThatDoesNotIsFollowedByTheNext()
    {
        var policy = Base with { Levers = [new LeverOption(LeverOption.Replay, 200), new LeverOption(LeverOption.LearningRateDecay, 0.8)] };
        var widthStep = Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.5, policy); // return 0.05/1.47
        var goodPilot = Stage(2, 32, [0.30, 0.31, 0.29], 0.01, 32, [0.20, 0.21, 0.19], 0.02, policy, policy.Levers![0]);
        InvestmentDecision keep = StagedWidening.Decide(policy, [widthStep, goodPilot], 1.0, Shape);
        Assert.Equal(DecisionAction.KeepLever, keep.Action);
        Assert.Equal(policy.Levers[0], keep.Lever);

        var uselessPilot = Stage(2, 32, [0.30, 0.31, 0.29], 0.01, 32, [0.31, 0.29, 0.30], 0.02, policy, policy.Levers[0]);
        InvestmentDecision next = StagedWidening.Decide(policy, [widthStep, uselessPilot], 1.0, Shape);
        Assert.Equal(DecisionAction.TryLever, next.Action);
        Assert.Equal(policy.Levers[1], next.Lever);

        var uselessSecond = Stage(3, 32, [0.30, 0.31, 0.29], 0.01, 32, [0.31, 0.29, 0.30], 0.01, policy, policy.Levers[1]);
        InvestmentDecision done = StagedWidening.Decide(policy, [widthStep, uselessPilot, uselessSecond], 1.1, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.LeversExhausted), (done.Action, done.Reason));
    }

    [Fact]
    public void IncumbentAtTarget_StopsWithTargetReached()
    {
        var policy = Base with { TargetForgetting = 0.31 };
        InvestmentDecision d = StagedWidening.Decide(policy, [Paying(policy)], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.TargetReached), (d.Action, d.Reason));
    }

    [Fact]
    public void NextCandidatePastTheCap_AdoptsTheCandidateAndStops()
    {
        var policy = Base with { CapWidth = 100 };
        InvestmentDecision d = StagedWidening.Decide(policy, [Paying(policy)], 0, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.CapReached), (d.Action, d.Reason));
        Assert.Equal(64, d.IncumbentWidth);
    }

    [Fact]
    public void Budget_IsCheckedAgainstTheNextStagesForecastCost_AtItsBoundary()
    {
        // Next stage: width 128 at 0.06 (three seeds of 0.02 at width 64) times the parameter ratio.
        double forecast = 0.06 * Shape.Parameters(128) / Shape.Parameters(64);
        var fits = Base with { Budget = 0.5 };
        InvestmentDecision widen = StagedWidening.Decide(fits, [Paying(fits)], 0.5 - forecast, Shape);
        Assert.Equal(DecisionAction.Widen, widen.Action);
        Assert.Equal(forecast, widen.Numbers.ForecastCost!.Value, 12);

        InvestmentDecision stop = StagedWidening.Decide(fits, [Paying(fits)], 0.5 - forecast + 1e-9, Shape);
        Assert.Equal((DecisionAction.Stop, StopReason.BudgetExhausted), (stop.Action, stop.Reason));
        Assert.Equal(64, stop.IncumbentWidth);
    }

    [Fact]
    public void FlatteningCurve_StopsEarlyByForecast_ThoughTheLastStepPaid()
    {
        var policy = Base with { UseForecast = true, ReturnThreshold = 0.5 };
        // Forgetting 0.20 + 0.8 W^-0.5: 32 -> 0.3414, 64 -> 0.3000, 128 -> 0.2707, next 256 -> 0.2500.
        double F(int w) => 0.20 + 0.8 * Math.Pow(w, -0.5);
        var s1 = Stage(1, 32, [F(32), F(32) + 0.001, F(32) - 0.001], 0.01, 64, [F(64), F(64) + 0.001, F(64) - 0.001], 0.02, policy);
        var s2 = Stage(2, 64, [F(64), F(64) + 0.001, F(64) - 0.001], 0.02, 128, [F(128), F(128) + 0.001, F(128) - 0.001], 0.025, policy);
        InvestmentDecision d = StagedWidening.Decide(policy, [s1, s2], 0.2, Shape);

        Assert.Equal((DecisionAction.Stop, StopReason.ForecastBelowThreshold), (d.Action, d.Reason));
        Assert.Equal(128, d.IncumbentWidth); // the last step paid and is adopted
        // The two models disagree (the offset law is exact here, the log-linear fit overshoots): the interval spans both.
        Assert.InRange(F(128) - F(256), d.Numbers.ForecastGainLow!.Value, d.Numbers.ForecastGainHigh!.Value);
        Assert.True(d.Numbers.ForecastGain < 0.5 * (d.Numbers.ForecastCost!.Value - 3 * 0.025));
    }

    [Fact]
    public void NoStages_IsAnError() =>
        Assert.Throws<ArgumentException>(() => StagedWidening.Decide(Base, [], 0, Shape));
}
