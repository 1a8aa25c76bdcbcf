using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using static WidthRetrain.Investment.Tests.Policies.Evidence;

namespace WidthRetrain.Investment.Tests.Replay;

public class DecisionReplayerTests
{
    private static readonly InvestmentPolicy Recorded = new(ReturnThreshold: 0.5, UseForecast: false);

    // Stage 1 pays (return 1.67), stage 2 does not (return 0.1): widen to 64, then stop at 64.
    private static StageRecord[] Stages(InvestmentPolicy p) =>
    [
        Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.02, p),
        Stage(2, 64, [0.25, 0.26, 0.24], 0.02, 128, [0.24, 0.25, 0.23], 0.12, p),
    ];

    private static readonly double[] Spent = [0.09, 0.45];

    private static InvestmentDecision[] Decide(InvestmentPolicy p, StageRecord[] stages) =>
        stages.Select((_, i) => StagedWidening.Decide(p, stages.Take(i + 1).ToArray(), Spent[i], Shape)).ToArray();

    [Fact]
    public void Audit_OfAnUntouchedRecord_IsIdentical()
    {
        StageRecord[] stages = Stages(Recorded);
        InvestmentDecision[] decisions = Decide(Recorded, stages);
        Assert.Equal([DecisionAction.Widen, DecisionAction.Stop], decisions.Select(d => d.Action));

        var audit = DecisionReplayer.Audit(Recorded, stages, Spent, decisions, Shape);
        Assert.All(audit, s => Assert.True(s.Identical, string.Join("; ", s.Differences)));
    }

    [Fact]
    public void Audit_FindsTamperedEvidence()
    {
        StageRecord[] stages = Stages(Recorded);
        InvestmentDecision[] decisions = Decide(Recorded, stages);
        // Someone edits the second stage's candidate results after the fact.
        StageRecord[] tampered = [stages[0], Stage(2, 64, [0.25, 0.26, 0.24], 0.02, 128, [0.05, 0.06, 0.04], 0.12, Recorded) with { EvidenceEventIds = stages[1].EvidenceEventIds }];

        var audit = DecisionReplayer.Audit(Recorded, tampered, Spent, decisions, Shape);
        Assert.True(audit[0].Identical);
        Assert.False(audit[1].Identical);
        Assert.Contains(audit[1].Differences, d => d.StartsWith("action: recorded Stop, replayed Widen", StringComparison.Ordinal));
        Assert.Contains(audit[1].Differences, d => d.StartsWith("numbers:", StringComparison.Ordinal));
    }

    [Fact]
    public void Audit_RefusesAnotherPolicyVersion()
    {
        StageRecord[] stages = Stages(Recorded);
        var audit = DecisionReplayer.Audit(Recorded with { Version = 1 }, stages, Spent, Decide(Recorded, stages), Shape);
        Assert.All(audit, s => Assert.Contains(s.Differences, d => d.StartsWith("policy:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Counterfactual_LowerThreshold_GoesWhereNothingWasMeasured_AndSaysItIsAForecast()
    {
        var generous = Recorded with { ReturnThreshold = 0.02 };
        CounterfactualPath path = DecisionReplayer.Counterfactual(generous, Stages(Recorded), Spent, Shape);

        Assert.Equal([DecisionAction.Widen, DecisionAction.Widen], path.Decisions.Select(d => d.Action));
        Assert.Equal(256, path.Decisions[^1].NextWidth);
        Assert.Contains("never measured", path.Divergence);
        Assert.NotNull(path.Forecast);
        Assert.Equal((128.0, 256.0), (path.Forecast!.FromWidth, path.Forecast.ToWidth));
    }

    [Fact]
    public void Counterfactual_StricterThreshold_StopsEarlier_AndNamesTheStagesNotBought()
    {
        var strict = Recorded with { ReturnThreshold = 5 };
        CounterfactualPath path = DecisionReplayer.Counterfactual(strict, Stages(Recorded), Spent, Shape);
        Assert.Single(path.Decisions);
        Assert.Equal(StopReason.DiminishingReturns, path.Decisions[0].Reason);
        Assert.Equal(1, path.StagesUsed);
        Assert.Equal(0.09, path.SpendOfStagesUsed);
        Assert.Contains("1 later recorded stage(s) would not have been bought", path.Divergence);
    }

    [Fact]
    public void Counterfactual_OfTheSamePolicy_FollowsTheRecordToItsEnd()
    {
        CounterfactualPath path = DecisionReplayer.Counterfactual(Recorded, Stages(Recorded), Spent, Shape);
        Assert.Equal(2, path.StagesUsed);
        Assert.Null(path.Divergence);
    }
}
