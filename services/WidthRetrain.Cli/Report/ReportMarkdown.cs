using System.Globalization;
using System.Text;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// The report as Markdown: the campaign and its policy, whether its record verifies, the outcome, each stage's
/// comparison and decision, the evidence per arm, the width curve's fits and the plots. Pure.
/// </summary>
public static class ReportMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(DecisionReportModel m)
    {
        var b = new StringBuilder();
        CampaignSummary s = m.Summary;
        b.AppendLine(Inv, $"# Decision report: {s.Name}");
        b.AppendLine();
        b.AppendLine(Inv, $"Campaign `{m.CampaignId}`, {s.Status.Text()}, started {s.StartedAt:yyyy-MM-dd HH:mm} UTC. {s.Dataset}, {s.Tasks} {s.Scenario} tasks, seeds {string.Join(", ", s.Seeds)}; {s.RoundsDone} rounds, {s.DeviceSeconds:0.0} device-seconds, total cost {NumberText.Cost(s.TotalCost)} {s.Currency}.");
        // A paragraph of its own: on the next line it would join the campaign's paragraph in any Markdown renderer.
        b.AppendLine();
        if (m.Policy is { } p)
        {
            b.AppendLine(Inv, $"Policy **{DecisionText.Policy(p.Name, p.Version)}**: start width {p.StartWidth}, growth x{p.GrowthFactor}, cap {p.CapWidth}, minimum gain {Pct(p.MinimumGain)} pts, return threshold {NumberText.Return(p.ReturnThreshold, p.ReturnUnit, s.Currency)}, confidence {p.Confidence:P0}, budget {(m.Budget is { } budget ? NumberText.Money(budget) : "none")}, levers {(m.Levers.Count > 0 ? string.Join(", ", m.Levers) : "none")}, forecast {(p.UseForecast ? "on" : "off")}.");
            b.AppendLine();
        }
        Record(b, m);
        b.AppendLine();
        b.AppendLine(Inv, $"**Outcome:** {(m.Decisions.LastOrDefault() is { } last ? $"{DecisionText.Verdict(last.Decision)} with `{m.Chosen}`: {last.Explanation}" : $"fixed widths; {Ranking(m)}")}");
        b.AppendLine();
        if (m.Decisions.Count > 0) Decisions(b, m.Decisions, m.Policy?.ReturnUnit, s.Currency, m.Trend is { } t ? StatisticsText.ForecastCaveat(t) : "");
        Evidence(b, m.Arms);
        Curve(b, m);
        b.AppendLine("## Plots");
        b.AppendLine();
        b.AppendLine(Inv, $"![Forgetting and accuracy against width]({ReportPlots.WidthCurveFile})");
        b.AppendLine();
        if (ReportPlots.HasReturns(m))
        {
            b.AppendLine(Inv, $"![Return per stage]({ReportPlots.ReturnFile})");
            b.AppendLine();
        }
        b.AppendLine(Inv, $"![Accuracy matrix of {m.Chosen}]({ReportPlots.AccuracyMatrixFile})");
        return b.ToString();
    }

    private static void Record(StringBuilder b, DecisionReportModel m)
    {
        var audit = m.Audit;
        b.AppendLine(Inv, $"**Record:** {(audit.Passed ? "verified" : $"DOES NOT VERIFY ({audit.Findings.Count} finding(s); first: {audit.Findings[0]})")}: {audit.Events} events, {audit.RoundStreams} round streams. Head hash `{audit.HeadHash ?? "-"}`; keep it outside the database and check later with `widthretrain verify {m.CampaignId} --head <hash>`.");
    }

    private static void Decisions(StringBuilder b, IReadOnlyList<ReportDecision> decisions, string? returnUnit, string currency, string forecastCaveat)
    {
        b.AppendLine("## Stages and decisions");
        b.AppendLine();
        b.AppendLine(Inv, $"| stage | incumbent | candidate | gain (forgetting pts) [interval] | extra cost ({currency}) | return ({NumberText.ReturnUnit(returnUnit, currency)}) | spent after ({currency}) | decision | reason |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ReportDecision row in decisions)
        {
            if (row.Comparison is not { } c || row.SpentAfter is not { } spent) continue;
            InvestmentDecision d = row.Decision;
            b.AppendLine(Inv, $"| {d.Stage} | {c.IncumbentArm} ({Pct(c.IncumbentForgetting)}) | {c.CandidateArm} ({Pct(c.CandidateForgetting)}) | {Est(c.Gain, Bounds.Signed)} | {NumberText.Cost(c.ExtraCost)} | {NumberText.Return(c.ReturnPerCost)} | {NumberText.Cost(spent)} | {d.Action} | {d.Reason?.ToString() ?? "-"} |");
        }
        b.AppendLine();
        foreach (ReportDecision row in decisions)
        {
            InvestmentDecision d = row.Decision;
            b.AppendLine(Inv, $"- **Stage {d.Stage}, {d.Action}**{(d.Reason is { } why ? $" ({why})" : "")}: {row.Explanation}. Policy {DecisionText.Policy(d.PolicyName, d.PolicyVersion)}; evidence: {d.EvidenceEventIds.Count} recorded round events.");
            if (d.Numbers.ForecastGain is { } fg)
                b.AppendLine(Inv, $"  Forecast (not measured) for the next step: gain {Pct(fg)} pts [{Pct(d.Numbers.ForecastGainLow)}, {Pct(d.Numbers.ForecastGainHigh)}] at a cost of about {NumberText.Cost(d.Numbers.ForecastCost ?? 0)} {currency}{(forecastCaveat.Length > 0 ? $"; {forecastCaveat}" : "")}.");
        }
        b.AppendLine();
    }

    private static void Evidence(StringBuilder b, IReadOnlyList<ReportArm> arms)
    {
        b.AppendLine("## Evidence per arm (mean over seeds [95% interval])");
        b.AppendLine();
        b.AppendLine("Accuracies in %, forgetting, BWT and FWT in percentage points. Intervals are clipped to what each quantity allows by definition: [0, 100] for accuracies and the paper's forgetting (best minus final accuracy, the best including the final), [-100, 100] for BWT and FWT.");
        b.AppendLine();
        b.AppendLine("| arm | width | seeds | forgetting (paper) | average accuracy | learning accuracy | BWT | FWT | training cost | serving cost / 1M |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ArmEvidence a in arms.Select(a => a.Evidence))
            b.AppendLine(Inv, $"| {a.Arm} | {a.Width} | {a.Seeds} | {Est(a.Forgetting, Bounds.Unit)} | {Est(a.AverageAccuracy, Bounds.Unit)} | {Est(a.LearningAccuracy, Bounds.Unit)} | {Est(a.BackwardTransfer, Bounds.Signed)} | {Est(a.ForwardTransfer, Bounds.Signed)} | {NumberText.Cost(a.TrainingCost)} | {NumberText.Cost(a.ServingCostPerMillion)} |");
        b.AppendLine();
    }

    private static void Curve(StringBuilder b, DecisionReportModel m)
    {
        b.AppendLine("## Width curve");
        b.AppendLine();
        if (m.Trend is not { } t || t.Widths < 2)
        {
            b.AppendLine("- One width only: nothing to fit.");
            b.AppendLine();
            return;
        }
        b.AppendLine(Inv, $"Forgetting (pts) against width, {t.Points} points at {t.Widths} widths{(t.Points > t.Widths ? " (one per seed)" : " (one mean per width)")}; a law is shown only when it beats a flat line at {t.Confidence:P0}.");
        b.AppendLine();
        foreach (string line in StatisticsText.Trend(t)) b.AppendLine(Inv, $"- {Capital(line)}.");
        foreach (StepChange step in t.Steps)
            b.AppendLine(Inv, $"- Step {step.FromWidth} -> {step.ToWidth}: {StatisticsText.Step(step)} per doubling.");
        b.AppendLine(Inv, $"- {Capital(StatisticsText.DiminishingReturns(t))}.");
        b.AppendLine();
    }

    private static string Ranking(DecisionReportModel m) =>
        m.Ranking is { Best: not null } r ? StatisticsText.Ranking(r) : "no per-seed values recorded, so no width can be tested against another";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Pct(double? v) => NumberText.Percent(v);

    private static string Est(Estimate? e, Bounds bounds) => NumberText.PercentInterval(e, bounds);
}
