using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// Writes the decision report of a campaign: its stages, each decision with the evidence and numbers it compared,
/// the width curve with the fitted laws, cumulative spend, and three plots (forgetting and accuracy against width;
/// return per unit of cost per stage; the chosen arm's accuracy matrix as a heat map). Everything comes from the
/// recorded events; nothing is recomputed by training.
/// </summary>
public static class DecisionReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Write(CampaignHistory history, CampaignReport report, CampaignAuditReport audit, string folder)
    {
        Directory.CreateDirectory(folder);
        ArmEvidence[] arms = report.Evidence.Select(p => p.Evidence).GroupBy(e => e.Arm).Select(g => g.Last()).OrderBy(e => e.Width).ToArray();
        ArmEvidence[] widthArms = arms.Where(a => !a.Arm.Contains('+', StringComparison.Ordinal)).ToArray();
        var curve = widthArms.Select(a => new Investment.Scaling.WidthCurvePoint(a.Width, a.Forgetting.Mean)).ToArray();
        WidthCurveFit? logFit = curve.Length >= 2 ? WidthCurveFitter.Fit(curve) : null;
        OffsetPowerLaw? offsetFit = OffsetPowerLaw.Fit(curve);
        InvestmentDecision[] decisions = history.Decisions.Select(d => d.Decision).ToArray();
        string chosen = Chosen(decisions, arms);

        var records = history.Spec.Policy is { } policy ? InvestmentHistory.Build(history.Stages, history.Rounds, history.Policy ?? policy) : default;
        var files = new List<string>
        {
            WidthPlot(folder, widthArms, offsetFit, logFit),
            ReturnPlot(folder, records.Stages ?? [], history.Decisions.FirstOrDefault()?.Policy.ReturnThreshold),
            HeatMap(folder, history, chosen),
        };
        string md = Markdown(history, report.Summary, audit, arms, decisions, records.Stages ?? [], records.SpentAfter ?? [], offsetFit, logFit, chosen, files);
        File.WriteAllText(Path.Combine(folder, "report.md"), md);
        File.WriteAllText(Path.Combine(folder, "report.html"), Html(md));
        files.Add("report.md");
        files.Add("report.html");
        return files;
    }

    /// <summary>The arm the campaign ends with: the last decision's incumbent (with its kept lever), else the least-forgetting arm.</summary>
    private static string Chosen(InvestmentDecision[] decisions, ArmEvidence[] arms) =>
        decisions.LastOrDefault() is { } last
            ? last.Action == DecisionAction.KeepLever ? StagePlan.ArmName(last.IncumbentWidth, last.Lever!) : StagePlan.ArmName(last.IncumbentWidth)
            : arms.OrderBy(a => a.Forgetting.Mean).First().Arm;

    private static string Markdown(CampaignHistory h, Planner.Projections.CampaignSummary s, CampaignAuditReport audit, ArmEvidence[] arms, InvestmentDecision[] decisions, IReadOnlyList<StageRecord> stages,
        IReadOnlyList<double> spentAfter, OffsetPowerLaw? offsetFit, WidthCurveFit? logFit, string chosen, List<string> files)
    {
        var b = new StringBuilder();
        b.AppendLine(Inv, $"# Decision report: {s.Name}");
        b.AppendLine();
        b.AppendLine(Inv, $"Campaign `{h.CampaignId}`, {s.Status}, started {s.StartedAt:yyyy-MM-dd HH:mm} UTC. {s.Dataset}, {s.Tasks} {s.Scenario} tasks, seeds {string.Join(", ", s.Seeds)}; {s.RoundsDone} rounds, {s.DeviceSeconds:0.0} device-seconds, total cost {s.TotalCost:0.000000} {s.Currency}.");
        if (h.Spec.Policy is { } p)
            b.AppendLine(Inv, $"Policy **{p.Name} v{p.Version}**: start width {p.StartWidth}, growth x{p.GrowthFactor}, cap {p.CapWidth}, minimum gain {Pct(p.MinimumGain)}, return threshold {p.ReturnThreshold} per {s.Currency}, confidence {p.Confidence:P0}, budget {(h.Spec.Budget ?? p.Budget)?.ToString("0.######", Inv) ?? "none"}, levers {(p.Levers is { Count: > 0 } levers ? string.Join(", ", levers.Select(PolicyRegistry.Standard.For(p).DescribeLever)) : "none")}, forecast {(p.UseForecast ? "on" : "off")}.");
        b.AppendLine();
        b.AppendLine(Inv, $"**Record:** {(audit.Passed ? "verified" : $"DOES NOT VERIFY ({audit.Findings.Count} finding(s); first: {audit.Findings[0]})")}: {audit.Events} events, {audit.RoundStreams} round streams. Head hash `{audit.HeadHash ?? "-"}`; keep it outside the database and check later with `widthretrain verify {h.CampaignId} --head <hash>`.");
        b.AppendLine();
        b.AppendLine(Inv, $"**Outcome:** {(decisions.LastOrDefault() is { } last ? $"{last.Action}{(last.Reason is { } r && last.Action == DecisionAction.Stop ? $" ({r})" : "")} with `{chosen}`: {last.Explanation}" : $"fixed widths; least forgetting: `{chosen}`")}");
        b.AppendLine();
        if (decisions.Length > 0)
        {
            b.AppendLine("## Stages and decisions");
            b.AppendLine();
            b.AppendLine("| stage | incumbent | candidate | gain (forgetting points) [interval] | extra cost | return per cost | spent after | decision | reason |");
            b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            for (int i = 0; i < decisions.Length && i < stages.Count; i++)
            {
                ArmComparison c = stages[i].Comparison;
                InvestmentDecision d = decisions[i];
                b.AppendLine(Inv, $"| {d.Stage} | {c.IncumbentArm} ({Pct(c.IncumbentForgetting)}) | {c.CandidateArm} ({Pct(c.CandidateForgetting)}) | {Pct(c.Gain.Mean)} [{Pct(c.Gain.Low)}, {Pct(c.Gain.High)}] | {c.ExtraCost:0.000000} | {(double.IsPositiveInfinity(c.ReturnPerCost) ? "unbounded" : c.ReturnPerCost.ToString("0.###", Inv))} | {spentAfter[i]:0.000000} | {d.Action} | {d.Reason?.ToString() ?? "-"} |");
            }
            b.AppendLine();
            foreach (InvestmentDecision d in decisions)
            {
                b.AppendLine(Inv, $"- **Stage {d.Stage}, {d.Action}**{(d.Reason is { } why ? $" ({why})" : "")}: {d.Explanation}. Policy {d.PolicyName} v{d.PolicyVersion}; evidence: {d.EvidenceEventIds.Count} recorded round events.");
                if (d.Numbers.ForecastGain is { } fg)
                    b.AppendLine(Inv, $"  Forecast (not measured) for the next step: {Pct(fg)} [{Pct(d.Numbers.ForecastGainLow)}, {Pct(d.Numbers.ForecastGainHigh)}] at a cost of about {d.Numbers.ForecastCost:0.000000}.");
            }
            b.AppendLine();
        }
        b.AppendLine("## Evidence per arm (mean over seeds [95% interval])");
        b.AppendLine();
        b.AppendLine("| arm | width | seeds | forgetting (paper) | average accuracy | learning accuracy | BWT | FWT | training cost | serving cost / 1M |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ArmEvidence a in arms)
            b.AppendLine(Inv, $"| {a.Arm} | {a.Width} | {a.Seeds} | {Est(a.Forgetting)} | {Est(a.AverageAccuracy)} | {Est(a.LearningAccuracy)} | {Est(a.BackwardTransfer)} | {Est(a.ForwardTransfer)} | {a.TrainingCost:0.000000} | {a.ServingCostPerMillion:0.000000} |");
        b.AppendLine();
        b.AppendLine("## Width curve");
        b.AppendLine();
        if (offsetFit is not null)
            b.AppendLine(Inv, $"- Power law with offset: forgetting = {Pct(offsetFit.Offset)} + {offsetFit.Coefficient:0.0000} · W^-{offsetFit.Exponent:0.000} (residual std {Pct(offsetFit.ResidualStd)}).");
        if (logFit is not null)
        {
            b.AppendLine(Inv, $"- Log-linear: forgetting changes by {Pct(logFit.SlopePerDoubling)} per doubling of width (R² {logFit.LogLinearRSquared?.ToString("0.000", Inv) ?? "-"}).");
            if (logFit.PowerLawExponent is { } e) b.AppendLine(Inv, $"- Power law: forgetting ∝ W^-{e:0.000} (R² {logFit.PowerLawRSquared?.ToString("0.000", Inv) ?? "-"}).");
        }
        if (offsetFit is null && logFit is null) b.AppendLine("- One width only: nothing to fit.");
        b.AppendLine();
        b.AppendLine("## Plots");
        b.AppendLine();
        b.AppendLine(Inv, $"![Forgetting and accuracy against width]({files[0]})");
        b.AppendLine();
        b.AppendLine(Inv, $"![Return per unit of cost per stage]({files[1]})");
        b.AppendLine();
        b.AppendLine(Inv, $"![Accuracy matrix of {chosen}]({files[2]})");
        return b.ToString();
    }

    private static string WidthPlot(string folder, ArmEvidence[] arms, OffsetPowerLaw? offsetFit, WidthCurveFit? logFit)
    {
        var plot = new Plot();
        double[] x = arms.Select(a => Math.Log2(a.Width)).ToArray();
        var f = plot.Add.Scatter(x, arms.Select(a => 100 * a.Forgetting.Mean).ToArray());
        f.LegendText = "forgetting (paper)";
        var aa = plot.Add.Scatter(x, arms.Select(a => 100 * a.AverageAccuracy.Mean).ToArray());
        aa.LegendText = "average accuracy";
        if (x.Length > 1 && (offsetFit is not null || logFit is not null))
        {
            double[] fx = Enumerable.Range(0, 40).Select(i => x[0] + (x[^1] + 1 - x[0]) * i / 39.0).ToArray();
            double Model(double w) => offsetFit?.Predict(w) ?? logFit!.LogLinearIntercept + logFit.SlopePerDoubling * Math.Log2(w);
            var line = plot.Add.ScatterLine(fx, fx.Select(v => 100 * Model(Math.Pow(2, v))).ToArray());
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = offsetFit is not null ? "fit: power law with offset" : "fit: log-linear";
        }
        plot.Axes.Bottom.SetTicks(x, arms.Select(a => a.Width.ToString(Inv)).ToArray());
        plot.Title("Forgetting and accuracy against width");
        plot.XLabel("hidden width (log2 scale)");
        plot.YLabel("%");
        plot.ShowLegend(Alignment.MiddleRight);
        plot.SavePng(Path.Combine(folder, "width-curve.png"), 900, 560);
        return "width-curve.png";
    }

    private static string ReturnPlot(string folder, IReadOnlyList<StageRecord> stages, double? threshold)
    {
        var plot = new Plot();
        if (stages.Count > 0)
        {
            double[] values = stages.Select(s => double.IsPositiveInfinity(s.Comparison.ReturnPerCost) ? 0 : s.Comparison.ReturnPerCost).ToArray();
            plot.Add.Bars(stages.Select(s => (double)s.Stage).ToArray(), values);
            plot.Axes.Bottom.SetTicks(stages.Select(s => (double)s.Stage).ToArray(), stages.Select(s => $"{s.Stage}: {s.Comparison.CandidateArm}").ToArray());
            if (threshold is { } t)
            {
                var line = plot.Add.HorizontalLine(t);
                line.LegendText = "threshold";
                plot.ShowLegend();
            }
        }
        plot.Title("Return per unit of cost, per stage (forgetting reduction / extra cost)");
        plot.XLabel("stage: candidate");
        plot.YLabel("return");
        plot.SavePng(Path.Combine(folder, "return-per-stage.png"), 900, 500);
        return "return-per-stage.png";
    }

    private static string HeatMap(string folder, CampaignHistory history, string arm)
    {
        var rows = history.Rounds.Where(r => r.Round.Arm == arm).ToArray();
        int t = rows.Length == 0 ? 1 : rows[0].Round.TaskCount;
        var mean = new double[t, t];
        foreach (var g in rows.GroupBy(r => r.Round.TaskIndex))
            for (int j = 0; j < t; j++)
                mean[g.Key, j] = 100 * g.Average(r => r.Accuracy[j]);
        var plot = new Plot();
        var hm = plot.Add.Heatmap(mean);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(hm);
        // The heat map draws row 0 at the top: label the cells with task numbers, not coordinates.
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, t).Select(j => (double)j).ToArray(), Enumerable.Range(1, t).Select(j => $"task {j}").ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, t).Select(y => (double)y).ToArray(), Enumerable.Range(0, t).Select(y => $"after {t - y}").ToArray());
        plot.Title($"Accuracy of {arm} (%, mean over seeds)");
        plot.XLabel("evaluated on");
        plot.YLabel("after training task");
        plot.SavePng(Path.Combine(folder, "accuracy-matrix.png"), 700, 600);
        return "accuracy-matrix.png";
    }

    private static string Html(string markdown)
    {
        // A small, dependency-free rendering of the report's own Markdown: headings, tables, lists, images, bold, code.
        var b = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>WidthRetrain decision report</title>" +
            "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;line-height:1.4}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}img{max-width:100%}</style></head><body>\n");
        bool table = false, list = false;
        foreach (string raw in markdown.Split('\n'))
        {
            string line = raw.TrimEnd();
            if (table && !line.StartsWith('|')) { b.AppendLine("</table>"); table = false; }
            if (list && !line.StartsWith("- ", StringComparison.Ordinal) && !line.StartsWith("  ", StringComparison.Ordinal)) { b.AppendLine("</ul>"); list = false; }
            if (line.StartsWith("# ", StringComparison.Ordinal)) b.AppendLine($"<h1>{Inline(line[2..])}</h1>");
            else if (line.StartsWith("## ", StringComparison.Ordinal)) b.AppendLine($"<h2>{Inline(line[3..])}</h2>");
            else if (line.StartsWith("| ---", StringComparison.Ordinal)) continue;
            else if (line.StartsWith('|'))
            {
                string tag = table ? "td" : "th";
                if (!table) { b.AppendLine("<table>"); table = true; }
                b.AppendLine("<tr>" + string.Concat(line.Trim('|').Split(" | ").Select(c => $"<{tag}>{Inline(c.Trim())}</{tag}>")) + "</tr>");
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (!list) { b.AppendLine("<ul>"); list = true; }
                b.AppendLine($"<li>{Inline(line[2..])}</li>");
            }
            else if (line.StartsWith("![", StringComparison.Ordinal))
            {
                int close = line.IndexOf("](", StringComparison.Ordinal);
                b.AppendLine($"<p><img alt=\"{WebUtility.HtmlEncode(line[2..close])}\" src=\"{WebUtility.HtmlEncode(line[(close + 2)..^1])}\"></p>");
            }
            else if (line.Length > 0) b.AppendLine($"<p>{Inline(line.Trim())}</p>");
        }
        if (table) b.AppendLine("</table>");
        if (list) b.AppendLine("</ul>");
        return b.Append("</body></html>\n").ToString();
    }

    private static string Inline(string text)
    {
        string s = WebUtility.HtmlEncode(text);
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\*\*(.+?)\*\*", "<b>$1</b>");
        return System.Text.RegularExpressions.Regex.Replace(s, "`(.+?)`", "<code>$1</code>");
    }

    private static string Pct(double? v) => v is null ? "-" : (100 * v.Value).ToString("0.00", Inv);

    private static string Est(Estimate? e) => e is null ? "-" : e.N > 1 ? $"{Pct(e.Mean)} [{Pct(e.Low)}, {Pct(e.High)}]" : Pct(e.Mean);
}
