using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Replay;

/// <summary>
/// Replays decisions from recorded evidence only: no training. <see cref="Audit"/> re-derives every recorded decision
/// with its own policy and reports each as identical or different; <see cref="Counterfactual"/> walks the recorded
/// stages under another policy (or price book, already applied to the evidence's costs) until the paths part. The rule
/// that decides is the one the policy names in the registry given (by default <see cref="PolicyRegistry.Standard"/>).
/// </summary>
public static class DecisionReplayer
{
    /// <param name="spentAfter">Cumulative spend after each stage (index i: after stages[0..i]).</param>
    public static IReadOnlyList<ReplayStep> Audit(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, IReadOnlyList<double> spentAfter,
        IReadOnlyList<InvestmentDecision> recorded, CampaignShape shape, PolicyRegistry? rules = null)
    {
        rules ??= PolicyRegistry.Standard;
        // A policy no rule answers for cannot re-derive anything; that is a finding on every decision, not a crash of the audit.
        IInvestmentRule? rule = rules.RecordedRule(policy);
        IReadOnlyList<string> unknown = rule is null ? rules.Problems(policy) : [];
        var steps = new List<ReplayStep>();
        foreach (InvestmentDecision r in recorded)
        {
            int i = IndexOf(stages, r.Stage);
            InvestmentDecision replayed;
            IReadOnlyList<string> differences;
            if (unknown.Count > 0)
            {
                replayed = r with { PolicyName = policy.Name, PolicyVersion = policy.Version, Explanation = string.Join("; ", unknown) };
                differences = [.. Compare(r, replayed), .. unknown];
            }
            else if (i < 0)
            {
                replayed = r with { Explanation = $"no recorded evidence for stage {r.Stage}" };
                differences = [$"stage {r.Stage}: its evidence is missing"];
            }
            else
            {
                replayed = rule!.Decide(policy, stages.Take(i + 1).ToArray(), spentAfter[i], shape);
                differences = Compare(r, replayed);
            }
            steps.Add(new ReplayStep(r.Stage, r, replayed, differences));
        }
        return steps;
    }

    /// <exception cref="ArgumentException">No rule in <paramref name="rules"/> answers for the policy's name and version.</exception>
    public static CounterfactualPath Counterfactual(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, IReadOnlyList<double> spentAfter,
        CampaignShape shape, PolicyRegistry? rules = null)
    {
        IInvestmentRule rule = (rules ?? PolicyRegistry.Standard).For(policy);
        var decisions = new List<InvestmentDecision>();
        for (int i = 0; i < stages.Count; i++)
        {
            InvestmentDecision d = rule.Decide(policy, stages.Take(i + 1).ToArray(), spentAfter[i], shape);
            decisions.Add(d);
            bool last = i == stages.Count - 1;
            if (d.Action is DecisionAction.Stop or DecisionAction.KeepLever)
            {
                string? note = last ? null
                    : $"stops after stage {d.Stage} ({d.Reason?.ToString() ?? d.Action.ToString()}); the {stages.Count - i - 1} later recorded stage(s) would not have been bought";
                return new CounterfactualPath(decisions, i + 1, spentAfter[i], note, null);
            }
            StageRecord? next = last ? null : stages[i + 1];
            bool follows = d.Action == DecisionAction.Widen
                ? next is { IsLeverPilot: false } && next.Comparison.IncumbentWidth == d.IncumbentWidth && next.Comparison.CandidateWidth == d.NextWidth
                : next is { IsLeverPilot: true } && next.Lever == d.Lever;
            if (follows) continue;
            if (d.Action == DecisionAction.Widen)
            {
                WidthForecast? forecast = WidthForecaster.Forecast(MeasuredWidthCurve.Of(stages.Take(i + 1)), d.IncumbentWidth, d.NextWidth!.Value, policy.Confidence);
                return new CounterfactualPath(decisions, i + 1, spentAfter[i],
                    $"would test width {d.NextWidth} against {d.IncumbentWidth}, which was never measured; the values shown for it are a forecast", forecast);
            }
            return new CounterfactualPath(decisions, i + 1, spentAfter[i],
                $"would pilot {rule.DescribeLever(d.Lever!)} at width {d.IncumbentWidth}, which was never measured", null);
        }
        return new CounterfactualPath(decisions, stages.Count, spentAfter.Count == 0 ? 0 : spentAfter[^1], null, null);
    }

    private static int IndexOf(IReadOnlyList<StageRecord> stages, int stage)
    {
        for (int i = 0; i < stages.Count; i++)
            if (stages[i].Stage == stage) return i;
        return -1;
    }

    /// <summary>Field by field; numbers must match exactly (replay is deterministic), the explanation text is not compared.</summary>
    public static IReadOnlyList<string> Compare(InvestmentDecision recorded, InvestmentDecision replayed)
    {
        var d = new List<string>();
        void Check<T>(string field, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) d.Add($"{field}: recorded {a?.ToString() ?? "null"}, replayed {b?.ToString() ?? "null"}");
        }
        Check("action", recorded.Action, replayed.Action);
        Check("reason", recorded.Reason, replayed.Reason);
        Check("incumbentWidth", recorded.IncumbentWidth, replayed.IncumbentWidth);
        Check("nextWidth", recorded.NextWidth, replayed.NextWidth);
        Check("lever", recorded.Lever, replayed.Lever);
        Check("policy", DecisionText.Policy(recorded.PolicyName, recorded.PolicyVersion), DecisionText.Policy(replayed.PolicyName, replayed.PolicyVersion));
        Check("numbers", recorded.Numbers, replayed.Numbers);
        if (!recorded.EvidenceEventIds.SequenceEqual(replayed.EvidenceEventIds)) d.Add("evidenceEventIds: differ");
        return d;
    }
}
