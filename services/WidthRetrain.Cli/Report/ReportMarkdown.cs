using System.Globalization;
using System.Text;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
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
            b.AppendLine(Inv, $"Policy **{DecisionText.Policy(p.Name, p.Version)}**: start width {p.StartWidth}, growth x{p.GrowthFactor}, cap {p.CapWidth}, minimum gain {Pct(p.MinimumGain)}, return threshold {p.ReturnThreshold} per {s.Currency}, confidence {p.Confidence:P0}, budget {(m.Budget is { } budget ? NumberText.Money(budget) : "none")}, levers {(m.Levers.Count > 0 ? string.Join(", ", m.Levers) : "none")}, forecast {(p.UseForecast ? "on" : "off")}.");
            b.AppendLine();
        }
        Record(b, m);
        b.AppendLine();
        b.AppendLine(Inv, $"**Outcome:** {(m.Decisions.LastOrDefault()?.Decision is { } last ? $"{DecisionText.Verdict(last)} with `{m.Chosen}`: {last.Explanation}" : $"fixed widths; least forgetting: `{m.Chosen}`")}");
        b.AppendLine();
        if (m.Decisions.Count > 0) Decisions(b, m.Decisions);
        Evidence(b, m.Arms);
        Curve(b, m);
        b.AppendLine("## Plots");
        b.AppendLine();
        b.AppendLine(Inv, $"![Forgetting and accuracy against width]({ReportPlots.WidthCurveFile})");
        b.AppendLine();
        b.AppendLine(Inv, $"![Return per unit of cost per stage]({ReportPlots.ReturnFile})");
        b.AppendLine();
        b.AppendLine(Inv, $"![Accuracy matrix of {m.Chosen}]({ReportPlots.AccuracyMatrixFile})");
        return b.ToString();
    }

    private static void Record(StringBuilder b, DecisionReportModel m)
    {
        var audit = m.Audit;
        b.AppendLine(Inv, $"**Record:** {(audit.Passed ? "verified" : $"DOES NOT VERIFY ({audit.Findings.Count} finding(s); first: {audit.Findings[0]})")}: {audit.Events} events, {audit.RoundStreams} round streams. Head hash `{audit.HeadHash ?? "-"}`; keep it outside the database and check later with `widthretrain verify {m.CampaignId} --head <hash>`.");
    }

    private static void Decisions(StringBuilder b, IReadOnlyList<ReportDecision> decisions)
    {
        b.AppendLine("## Stages and decisions");
        b.AppendLine();
        b.AppendLine("| stage | incumbent | candidate | gain (forgetting points) [interval] | extra cost | return per cost | spent after | decision | reason |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ReportDecision row in decisions)
        {
            if (row.Comparison is not { } c || row.SpentAfter is not { } spent) continue;
            InvestmentDecision d = row.Decision;
            b.AppendLine(Inv, $"| {d.Stage} | {c.IncumbentArm} ({Pct(c.IncumbentForgetting)}) | {c.CandidateArm} ({Pct(c.CandidateForgetting)}) | {Pct(c.Gain.Mean)} [{Pct(c.Gain.Low)}, {Pct(c.Gain.High)}] | {NumberText.Cost(c.ExtraCost)} | {NumberText.Return(c.ReturnPerCost)} | {NumberText.Cost(spent)} | {d.Action} | {d.Reason?.ToString() ?? "-"} |");
        }
        b.AppendLine();
        foreach (InvestmentDecision d in decisions.Select(r => r.Decision))
        {
            b.AppendLine(Inv, $"- **Stage {d.Stage}, {d.Action}**{(d.Reason is { } why ? $" ({why})" : "")}: {d.Explanation}. Policy {DecisionText.Policy(d.PolicyName, d.PolicyVersion)}; evidence: {d.EvidenceEventIds.Count} recorded round events.");
            if (d.Numbers.ForecastGain is { } fg)
                b.AppendLine(Inv, $"  Forecast (not measured) for the next step: {Pct(fg)} [{Pct(d.Numbers.ForecastGainLow)}, {Pct(d.Numbers.ForecastGainHigh)}] at a cost of about {d.Numbers.ForecastCost:0.000000}.");
        }
        b.AppendLine();
    }

    private static void Evidence(StringBuilder b, IReadOnlyList<ReportArm> arms)
    {
        b.AppendLine("## Evidence per arm (mean over seeds [95% interval])");
        b.AppendLine();
        b.AppendLine("| arm | width | seeds | forgetting (paper) | average accuracy | learning accuracy | BWT | FWT | training cost | serving cost / 1M |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ArmEvidence a in arms.Select(a => a.Evidence))
            b.AppendLine(Inv, $"| {a.Arm} | {a.Width} | {a.Seeds} | {Est(a.Forgetting)} | {Est(a.AverageAccuracy)} | {Est(a.LearningAccuracy)} | {Est(a.BackwardTransfer)} | {Est(a.ForwardTransfer)} | {NumberText.Cost(a.TrainingCost)} | {NumberText.Cost(a.ServingCostPerMillion)} |");
        b.AppendLine();
    }

    private static void Curve(StringBuilder b, DecisionReportModel m)
    {
        b.AppendLine("## Width curve");
        b.AppendLine();
        if (m.OffsetFit is { } offset)
            b.AppendLine(Inv, $"- Power law with offset: forgetting = {Pct(offset.Offset)} + {offset.Coefficient:0.0000} · W^-{offset.Exponent:0.000} (residual std {Pct(offset.ResidualStd)}).");
        if (m.LogFit is { } log)
        {
            b.AppendLine(Inv, $"- Log-linear: forgetting changes by {Pct(log.SlopePerDoubling)} per doubling of width (R² {log.LogLinearRSquared?.ToString("0.000", Inv) ?? "-"}).");
            if (log.PowerLawExponent is { } e) b.AppendLine(Inv, $"- Power law: forgetting ∝ W^-{e:0.000} (R² {log.PowerLawRSquared?.ToString("0.000", Inv) ?? "-"}).");
        }
        if (m.OffsetFit is null && m.LogFit is null) b.AppendLine("- One width only: nothing to fit.");
        b.AppendLine();
    }

    private static string Pct(double? v) => NumberText.Percent(v);

    private static string Est(Estimate? e) => NumberText.PercentInterval(e);
}
