using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using static WidthRetrain.Investment.Tests.Policies.Evidence;

namespace WidthRetrain.Investment.Tests.Policies;

public class PolicyRegistryTests
{
    [Fact]
    public void Standard_ResolvesTheStagedPolicy_UnderTheDefaultsEveryRecordedCampaignCarries()
    {
        var defaults = new InvestmentPolicy();
        IInvestmentRule rule = PolicyRegistry.Standard.For(defaults);
        Assert.IsType<StagedWidening>(rule);
        Assert.Equal((defaults.Name, defaults.Version), (rule.Name, rule.Version));
        Assert.Empty(PolicyRegistry.Standard.Problems(defaults));
        Assert.Equal(["staged-widening v1", "staged-widening v2"], PolicyRegistry.Standard.Allowed);
        Assert.Equal(2, defaults.Version); // new campaigns pilot the levers when width does not pay
    }

    [Fact]
    public void UnknownName_IsRefused_NamingTheFieldAndTheAllowedNames()
    {
        var policy = new InvestmentPolicy(Name: "greedy");
        Assert.Equal(["policy.name: unknown policy 'greedy'; allowed: staged-widening"], PolicyRegistry.Standard.Problems(policy));
        var e = Assert.Throws<ArgumentException>(() => PolicyRegistry.Standard.For(policy));
        Assert.Equal("policy.name: unknown policy 'greedy'; allowed: staged-widening", e.Message);
    }

    [Fact]
    public void UnknownVersion_IsRefused_NamingTheFieldAndTheAllowedVersions()
    {
        var policy = new InvestmentPolicy(Version: 3);
        Assert.Equal(["policy.version: staged-widening has no version 3; allowed: 1, 2"], PolicyRegistry.Standard.Problems(policy));
        Assert.Throws<ArgumentException>(() => PolicyRegistry.Standard.For(policy));
    }

    [Fact]
    public void TheSameRule_RegisteredTwice_IsRefused() =>
        Assert.Throws<ArgumentException>(() => PolicyRegistry.Standard.With(new StagedWidening(2)));

    [Fact]
    public void ASecondPolicy_RegisteredInARegistry_IsTheOneReplayDecidesWith()
    {
        // Version 2: a version-1 policy no rule answers for is taken as a recorded staged policy (see the next test).
        var cautious = new InvestmentPolicy(Name: AlwaysStop.PolicyName, Version: 2, UseForecast: false);
        PolicyRegistry rules = PolicyRegistry.Standard.With(new AlwaysStop());
        StageRecord[] stages = [Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.02, cautious)];

        CounterfactualPath path = DecisionReplayer.Counterfactual(cautious, stages, [0.09], Shape, rules);
        Assert.Equal(StopReason.TargetReached, Assert.Single(path.Decisions).Reason);
        Assert.Equal(AlwaysStop.PolicyName, path.Decisions[0].PolicyName);

        var audit = DecisionReplayer.Audit(cautious, stages, [0.09], path.Decisions, Shape, rules);
        Assert.True(Assert.Single(audit).Identical);
        // The standard registry does not know it: the audit says so instead of deciding with another rule.
        Assert.Contains(DecisionReplayer.Audit(cautious, stages, [0.09], path.Decisions, Shape)[0].Differences,
            d => d.StartsWith("policy.name: unknown policy 'always-stop'", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => DecisionReplayer.Counterfactual(cautious, stages, [0.09], Shape));
    }

    [Fact]
    public void ARecordedVersion1Policy_UnderAnyName_IsTheStagedRuleItWasDecidedBy_ButANewOneMustNameARule()
    {
        // Before names selected rules, "strict" was a label on a staged policy; its recorded decisions replay identical.
        var strict = new InvestmentPolicy(Name: "strict", Version: 1, MinimumGain: 0.5, UseForecast: false);
        StageRecord[] stages = [Stage(1, 32, [0.30, 0.31, 0.29], 0.01, 64, [0.25, 0.26, 0.24], 0.02, strict)];
        InvestmentDecision recorded = StagedWidening.Decide(strict, stages, 0.09, Shape);
        Assert.IsType<StagedWidening>(PolicyRegistry.Standard.ForRecorded(strict));
        Assert.True(Assert.Single(DecisionReplayer.Audit(strict, stages, [0.09], [recorded], Shape)).Identical);
        // A new spec or counterfactual must name a rule.
        Assert.Equal("policy.name: unknown policy 'strict'; allowed: staged-widening", Assert.Throws<ArgumentException>(() => PolicyRegistry.Standard.For(strict)).Message);
        Assert.Null(PolicyRegistry.Standard.RecordedRule(strict with { Version = 2 }));
    }

    /// <summary>A test-only rule: stops after the first stage whatever it shows.</summary>
    private sealed class AlwaysStop : IInvestmentRule
    {
        public const string PolicyName = "always-stop";

        public string Name => PolicyName;

        public int Version => 2;

        public InvestmentDecision Decide(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape)
        {
            StageRecord last = stages[^1];
            var numbers = new DecisionNumbers(last.Comparison.Gain.Mean, last.Comparison.Gain.Low, last.Comparison.Gain.High, last.Comparison.ExtraCost,
                null, policy.MinimumGain, policy.ReturnThreshold, spent, policy.Budget, null, null, null, null);
            return new InvestmentDecision(last.Stage, DecisionAction.Stop, StopReason.TargetReached, last.Comparison.IncumbentWidth, null, null,
                "always stops", numbers, policy.Name, policy.Version, last.EvidenceEventIds);
        }

        public int NextWidth(InvestmentPolicy policy, int width) => width + 1;

        public string DescribeLever(LeverOption lever) => lever.Kind;
    }
}
