using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Policies;

/// <summary>
/// The staged investment policy, a pure function of (policy, the stages so far, the spend so far). After a width step
/// it stops when the incumbent already meets the target, when the candidate's gain is not significant, or when the gain
/// is too small or buys too little per unit of extra cost (diminishing returns: then the policy's levers are piloted
/// at the incumbent's width, if it has any). Otherwise it widens, unless the next candidate would pass the cap, the
/// fitted width curve forecasts a return below the threshold, or the next stage's forecast cost does not fit the
/// budget. After a lever pilot it keeps the lever if it bought more forgetting reduction per unit of cost than the
/// last width step, else pilots the next lever or stops. Registered in <see cref="PolicyRegistry.Standard"/>; the static
/// members are the rule itself, the instance only answers for it there.
/// </summary>
public sealed class StagedWidening : IInvestmentRule
{
    /// <summary>The name every staged campaign carries.</summary>
    public const string PolicyName = "staged-widening";

    /// <summary>Version 1: a width step whose gain is not significant stops the campaign (NotSignificant).</summary>
    public const int PolicyVersion = 1;

    /// <summary>
    /// Version 2 (the default since it exists): a width step that does not pay, whether its gain is not significant or
    /// significantly negative, is diminishing returns: the levers are piloted before the campaign stops. Version 1 stays
    /// registered so that campaigns decided by it replay as they were decided.
    /// </summary>
    public const int LeversWhenWidthDoesNotPay = 2;

    public StagedWidening(int version = PolicyVersion)
    {
        if (version is < PolicyVersion or > LeversWhenWidthDoesNotPay)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"staged widening has versions {PolicyVersion} to {LeversWhenWidthDoesNotPay}");
        Version = version;
    }

    public string Name => PolicyName;

    public int Version { get; }

    InvestmentDecision IInvestmentRule.Decide(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape) =>
        Decide(policy, stages, spent, shape);

    int IInvestmentRule.NextWidth(InvestmentPolicy policy, int width) => NextWidth(policy, width);

    public string DescribeLever(LeverOption lever) => Describe(lever);

    public static InvestmentDecision Decide(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape)
    {
        if (stages.Count == 0) throw new ArgumentException("stages: a decision needs at least one concluded stage");
        StageRecord last = stages[^1];
        return last.IsLeverPilot ? AfterLever(policy, stages, spent, shape) : AfterWidthStep(policy, stages, spent, shape);
    }

    /// <summary>The next candidate width after <paramref name="width"/>: times the growth factor, at least one more.</summary>
    public static int NextWidth(InvestmentPolicy policy, int width) => Math.Max(width + 1, (int)Math.Round(width * policy.GrowthFactor));

    private static InvestmentDecision AfterWidthStep(InvestmentPolicy p, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape)
    {
        StageRecord last = stages[^1];
        ArmComparison c = last.Comparison;
        DecisionNumbers numbers = Numbers(p, c, spent);
        InvestmentDecision Make(DecisionAction action, StopReason? reason, int incumbent, int? next, LeverOption? lever, string why, DecisionNumbers n) =>
            new(last.Stage, action, reason, incumbent, next, lever, why, n, p.Name, p.Version, last.EvidenceEventIds);

        if (p.TargetForgetting is { } target && c.IncumbentForgetting <= target)
            return Make(DecisionAction.Stop, StopReason.TargetReached, c.IncumbentWidth, null, null,
                $"width {c.IncumbentWidth} already forgets {Pct(c.IncumbentForgetting)} <= target {Pct(target)}", numbers);
        if (!(c.Gain.Low > 0) && p.Version >= LeversWhenWidthDoesNotPay && (p.Levers?.Count ?? 0) > 0)
            return DiminishingReturns(p, stages, spent, shape, c.IncumbentWidth, NotPaying(p, c), numbers, Make, StopReason.NotSignificant);
        if (!(c.Gain.Low > 0))
            return Make(DecisionAction.Stop, StopReason.NotSignificant, c.IncumbentWidth, null, null,
                $"{DecisionText.Forgets(c.CandidateWidth, c.IncumbentWidth, c.Gain.Mean)}; {DecisionText.NotSignificant(c.Gain, p.Confidence)}",
                numbers);
        if (c.Gain.Mean < p.MinimumGain || c.ReturnPerCost < p.ReturnThreshold)
        {
            string why = c.Gain.Mean < p.MinimumGain
                ? $"gain {Pct(c.Gain.Mean)} of width {c.CandidateWidth} over {c.IncumbentWidth} is below the minimum {Pct(p.MinimumGain)}"
                : $"gain {Pct(c.Gain.Mean)} for {Money(c.ExtraCost)} more returns {Num(c.ReturnPerCost, p)}, below the threshold {Num(p.ReturnThreshold, p)}";
            return DiminishingReturns(p, stages, spent, shape, c.IncumbentWidth, why, numbers, Make);
        }

        int adopted = c.CandidateWidth;
        int next = NextWidth(p, adopted);
        if (next > p.CapWidth)
            return Make(DecisionAction.Stop, StopReason.CapReached, adopted, null, null,
                $"width {adopted} pays (gain {Pct(c.Gain.Mean)}, return {Num(c.ReturnPerCost, p)}); the next step, {next}, passes the cap {p.CapWidth}", numbers);

        double forecastCost = c.CandidateCost * shape.Parameters(next) / shape.Parameters(adopted);
        WidthForecast? forecast = p.UseForecast ? WidthForecaster.Forecast(MeasuredWidthCurve.Of(stages), adopted, next, p.Confidence) : null;
        numbers = numbers with
        {
            ForecastGain = forecast?.Gain,
            ForecastGainLow = forecast?.Low,
            ForecastGainHigh = forecast?.High,
            ForecastCost = forecastCost,
        };
        if (forecast is not null)
        {
            double adoptedCost = c.CandidateCost;
            // × ReturnScale (1 for recorded policies, so the same bits) puts the forecast in the policy's return unit.
            double forecastReturn = forecastCost - adoptedCost <= 0 ? double.PositiveInfinity : forecast.Gain * p.ReturnScale / (forecastCost - adoptedCost);
            if (forecastReturn < p.ReturnThreshold)
                return Make(DecisionAction.Stop, StopReason.ForecastBelowThreshold, adopted, null, null,
                    $"width {adopted} pays; the width curve ({forecast.Models}) forecasts {Pct(forecast.Gain)} [{Pct(forecast.Low)}, {Pct(forecast.High)}] less forgetting at {next} for {Money(forecastCost - adoptedCost)} more: return {Num(forecastReturn, p)} below {Num(p.ReturnThreshold, p)}, so that stage is not bought",
                    numbers);
        }
        if (p.Budget is { } budget && spent + forecastCost > budget)
            return Make(DecisionAction.Stop, StopReason.BudgetExhausted, adopted, null, null,
                $"width {adopted} pays; testing {next} would cost about {Money(forecastCost)}, and {Money(spent)} of {Money(budget)} is spent", numbers);
        return Make(DecisionAction.Widen, null, adopted, next, null,
            $"{DecisionText.Forgets(adopted, c.IncumbentWidth, c.Gain.Mean)} (gain [{Pct(c.Gain.Low)}, {Pct(c.Gain.High)}]) for {Money(c.ExtraCost)} more (return {Num(c.ReturnPerCost, p)} >= {Num(p.ReturnThreshold, p)}): adopt it and test {next}",
            numbers);
    }

    /// <summary>Why a width step whose gain's interval does not exclude zero from below does not pay (version 2).</summary>
    private static string NotPaying(InvestmentPolicy p, ArmComparison c) =>
        $"{DecisionText.Forgets(c.CandidateWidth, c.IncumbentWidth, c.Gain.Mean)}; {DecisionText.NotSignificant(c.Gain, p.Confidence)}: width does not pay";

    private static InvestmentDecision DiminishingReturns(InvestmentPolicy p, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape,
        int incumbent, string why, DecisionNumbers numbers,
        Func<DecisionAction, StopReason?, int, int?, LeverOption?, string, DecisionNumbers, InvestmentDecision> make,
        StopReason reason = StopReason.DiminishingReturns)
    {
        LeverOption? lever = NextLever(p, stages);
        if (lever is null)
            return make(DecisionAction.Stop, reason, incumbent, null, null, why, numbers);
        double pilotCost = PilotCost(stages, incumbent, lever);
        if (p.Budget is { } budget && spent + pilotCost > budget)
            return make(DecisionAction.Stop, StopReason.BudgetExhausted, incumbent, null, null,
                $"{why}; piloting {Describe(lever)} would cost about {Money(pilotCost)}, and {Money(spent)} of {Money(budget)} is spent",
                numbers with { ForecastCost = pilotCost });
        return make(DecisionAction.TryLever, reason, incumbent, null, lever,
            $"{why}; pilot {Describe(lever)} at width {incumbent} instead", numbers with { ForecastCost = pilotCost });
    }

    private static InvestmentDecision AfterLever(InvestmentPolicy p, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape)
    {
        StageRecord last = stages[^1];
        ArmComparison c = last.Comparison;
        StageRecord? widthStep = stages.LastOrDefault(s => !s.IsLeverPilot);
        double widthReturn = widthStep?.Comparison.ReturnPerCost ?? 0;
        // Version 2 pilots levers after a width step that did not pay, whose return means nothing (and is unbounded when the
        // wider arm happened to cost no more): there the lever must meet the policy's own threshold instead.
        bool againstThreshold = p.Version >= LeversWhenWidthDoesNotPay && widthStep is not null && !(widthStep.Comparison.Gain.Low > 0);
        double bar = againstThreshold ? p.ReturnThreshold : widthReturn;
        string barText = againstThreshold ? $"the threshold {Num(bar, p)}" : $"the last width step's {Num(widthReturn, p)}";
        DecisionNumbers numbers = Numbers(p, c, spent);
        InvestmentDecision Make(DecisionAction action, StopReason? reason, LeverOption? lever, string why) =>
            new(last.Stage, action, reason, c.IncumbentWidth, null, lever, why, numbers, p.Name, p.Version, last.EvidenceEventIds);

        if (c.Gain.Low > 0 && c.ReturnPerCost > bar)
            return Make(DecisionAction.KeepLever, null, last.Lever,
                $"{Describe(last.Lever!)} at width {c.IncumbentWidth} cuts forgetting by {Pct(c.Gain.Mean)} [{Pct(c.Gain.Low)}, {Pct(c.Gain.High)}] for {Money(c.ExtraCost)}: return {Num(c.ReturnPerCost, p)} beats {barText}; keep it");
        string why = c.Gain.Low > 0
            ? $"{Describe(last.Lever!)} returns {Num(c.ReturnPerCost, p)}, no better than {barText}"
            : $"{Describe(last.Lever!)} gives no significant gain ({DecisionText.Change(c.Gain.Mean)} [{Pct(c.Gain.Low)}, {Pct(c.Gain.High)}])";
        LeverOption? next = NextLever(p, stages);
        if (next is null) return Make(DecisionAction.Stop, StopReason.LeversExhausted, null, why + "; no lever left");
        double pilotCost = PilotCost(stages, c.IncumbentWidth, next);
        if (p.Budget is { } budget && spent + pilotCost > budget)
            return Make(DecisionAction.Stop, StopReason.BudgetExhausted, null, $"{why}; piloting {Describe(next)} would cost about {Money(pilotCost)} over the budget");
        return Make(DecisionAction.TryLever, StopReason.DiminishingReturns, next, $"{why}; pilot {Describe(next)} next");
    }

    private static LeverOption? NextLever(InvestmentPolicy p, IReadOnlyList<StageRecord> stages)
    {
        var tried = stages.Where(s => s.IsLeverPilot).Select(s => s.Lever!).ToHashSet();
        return (p.Levers ?? []).FirstOrDefault(l => !tried.Contains(l));
    }

    /// <summary>A pilot retrains the incumbent's width: its measured cost, doubled for replay (every batch is topped up).</summary>
    private static double PilotCost(IReadOnlyList<StageRecord> stages, int width, LeverOption lever)
    {
        ArmComparison c = stages.Last(s => s.Comparison.IncumbentWidth == width || s.Comparison.CandidateWidth == width).Comparison;
        double baseCost = c.CandidateWidth == width ? c.CandidateCost : c.CandidateCost - c.ExtraCost;
        return lever.Kind == LeverOption.Replay ? 2 * baseCost : baseCost;
    }

    private static DecisionNumbers Numbers(InvestmentPolicy p, ArmComparison c, double spent) =>
        new(c.Gain.Mean, c.Gain.Low, c.Gain.High, c.ExtraCost, double.IsPositiveInfinity(c.ReturnPerCost) ? null : c.ReturnPerCost,
            p.MinimumGain, p.ReturnThreshold, spent, p.Budget, null, null, null, null);

    private static string Describe(LeverOption lever) => DecisionText.Lever(lever);

    private static string Pct(double? v) => NumberText.Points(v);

    private static string Num(double v, InvestmentPolicy p) => NumberText.Return(v, p.ReturnUnit);

    private static string Money(double v) => NumberText.Money(v);
}
