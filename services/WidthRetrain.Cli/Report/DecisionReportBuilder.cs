using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Evidence;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Report;

/// <summary>Builds the <see cref="DecisionReportModel"/> of a campaign from its recorded events and read models. Pure.</summary>
public static class DecisionReportBuilder
{
    public static DecisionReportModel Build(CampaignHistory history, CampaignReport report, CampaignAuditReport audit, PolicyRegistry? rules = null)
    {
        rules ??= PolicyRegistry.Standard;
        IReadOnlyDictionary<string, LeverOption> levers = LeverArms(history.Stages);
        ReportArm[] arms = [.. report.Evidence.Select(p => p.Evidence).GroupBy(e => e.Arm).Select(g => g.Last()).OrderBy(e => e.Width)
            .Select(e => new ReportArm(e, levers.GetValueOrDefault(e.Arm)))];
        IReadOnlyList<WidthCurvePoint> curve = MeasuredWidthCurve.Of(arms.Where(a => !a.IsLeverPilot).Select(a => (a.Evidence.Width, a.Evidence.Forgetting.Mean)));
        InvestmentDecision[] decisions = [.. history.Decisions.Select(d => d.Decision)];

        InvestmentPolicy? policy = history.Spec.Policy;
        (IReadOnlyList<StageRecord> stages, IReadOnlyList<double> spentAfter) = policy is null
            ? ([], [])
            : InvestmentHistory.Build(history.Stages, history.Rounds, history.Policy ?? policy);
        string chosen = Chosen(decisions, arms);
        IReadOnlyList<ArmSeedValues> perSeed = PerSeedForgetting(history.Rounds, arms);
        double confidence = policy?.Confidence ?? EstimateCalculator.DefaultConfidence;
        // Every seed a point where every width arm has them (honest degrees of freedom), else one mean per width.
        IReadOnlyList<WidthCurvePoint> trendPoints = perSeed.Count == arms.Count(a => !a.IsLeverPilot) && perSeed.Count > 0
            ? [.. perSeed.SelectMany(a => a.BySeed.Values.Select(v => new WidthCurvePoint(a.Width, v)))]
            : curve;
        IReadOnlyList<string> explanations = CurrentExplanations(policy, history, stages, spentAfter, decisions, rules);
        return new DecisionReportModel(
            history.CampaignId,
            report.Summary,
            policy,
            history.Spec.Budget ?? policy?.Budget,
            policy?.Levers is { Count: > 0 } options ? [.. options.Select(l => Describe(rules, policy, l))] : [],
            audit,
            arms,
            [.. decisions.Select((d, i) => new ReportDecision(d, i < stages.Count ? stages[i].Comparison : null, i < spentAfter.Count ? spentAfter[i] : null)
            {
                CurrentExplanation = explanations.ElementAtOrDefault(i),
            })],
            stages,
            history.Decisions.FirstOrDefault()?.Policy.ReturnThreshold,
            OffsetPowerLaw.Fit(curve),
            curve.Count >= 2 ? WidthCurveFitter.Fit(curve) : null,
            chosen,
            AccuracyMatrix(history, chosen))
        {
            Trend = WidthTrend.Of(trendPoints, confidence),
            Ranking = WidthRanking.Of(perSeed, confidence),
        };
    }

    /// <summary>Each width arm's forgetting per seed, from its complete round chains (none for a chain still running).</summary>
    private static IReadOnlyList<ArmSeedValues> PerSeedForgetting(IReadOnlyCollection<RoundCompleted> rounds, IReadOnlyList<ReportArm> arms)
    {
        var widthArms = arms.Where(a => !a.IsLeverPilot).Select(a => a.Evidence.Arm).ToHashSet(StringComparer.Ordinal);
        RoundCompleted[] complete = [.. rounds.Where(r => widthArms.Contains(r.Round.Arm))
            .GroupBy(r => (r.Round.Arm, r.Round.Seed)).Where(g => g.Select(r => r.Round.TaskIndex).Distinct().Count() == g.First().Round.TaskCount)
            .SelectMany(g => g.GroupBy(r => r.Round.TaskIndex).Select(t => t.Last()))];
        return [.. StageConclusion.Outcomes(complete).GroupBy(o => (o.Arm, o.Width)).OrderBy(g => g.Key.Width)
            .Select(g => new ArmSeedValues(g.Key.Arm, g.Key.Width, g.ToDictionary(o => o.Seed, o => o.Forgetting)))];
    }

    /// <summary>
    /// Each recorded decision's explanation in today's words, where replay re-derives the decision identically (every
    /// number, action and reason; the wording is documentation and not compared). Else null: the recorded one is shown.
    /// </summary>
    private static IReadOnlyList<string> CurrentExplanations(InvestmentPolicy? policy, CampaignHistory history, IReadOnlyList<StageRecord> stages,
        IReadOnlyList<double> spentAfter, InvestmentDecision[] decisions, PolicyRegistry rules)
    {
        if (policy is null || decisions.Length == 0) return [];
        try
        {
            var steps = DecisionReplayer.Audit(history.Policy ?? policy, stages, spentAfter, decisions, InvestmentHistory.Shape(history.Spec), rules);
            return [.. steps.Select(s => s.Identical ? s.Replayed.Explanation : s.Recorded.Explanation)];
        }
        catch (ArgumentException)
        {
            return []; // a record that cannot be re-derived keeps its recorded words; the audit says why
        }
    }

    /// <summary>Every arm a stage started as a lever pilot, with its lever: what the stage recorded, whatever the arm is called.</summary>
    private static IReadOnlyDictionary<string, LeverOption> LeverArms(IEnumerable<StageStarted> stages)
    {
        var levers = new Dictionary<string, LeverOption>(StringComparer.Ordinal);
        foreach (StageStarted stage in stages.Where(s => s.Lever is not null))
            foreach (var arm in stage.Arms.Where(a => a.Name != stage.Incumbent))
                levers[arm.Name] = stage.Lever!;
        return levers;
    }

    /// <summary>The arm the campaign ends with: the last decision's incumbent (with its kept lever), else the least-forgetting arm.</summary>
    private static string Chosen(InvestmentDecision[] decisions, ReportArm[] arms) =>
        decisions.LastOrDefault() is { } last
            ? last.Action == DecisionAction.KeepLever ? StagePlan.ArmName(last.IncumbentWidth, last.Lever!) : StagePlan.ArmName(last.IncumbentWidth)
            : arms.OrderBy(a => a.Evidence.Forgetting.Mean).First().Evidence.Arm;

    /// <summary>A campaign may record a policy no rule answers for any more; its levers still have words.</summary>
    private static string Describe(PolicyRegistry rules, InvestmentPolicy policy, LeverOption lever) =>
        rules.RecordedRule(policy)?.DescribeLever(lever) ?? DecisionText.Lever(lever);

    private static double[,] AccuracyMatrix(CampaignHistory history, string arm)
    {
        var rows = history.Rounds.Where(r => r.Round.Arm == arm).ToArray();
        int t = rows.Length == 0 ? 1 : rows[0].Round.TaskCount;
        var mean = new double[t, t];
        foreach (var g in rows.GroupBy(r => r.Round.TaskIndex))
            for (int j = 0; j < t; j++)
                mean[g.Key, j] = 100 * g.Average(r => r.Accuracy[j]);
        return mean;
    }
}
