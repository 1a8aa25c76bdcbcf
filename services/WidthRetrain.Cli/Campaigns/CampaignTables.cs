using Spectre.Console;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>The console table of a campaign: per stage and arm, the evidence over seeds (mean, and 95% interval with several seeds).</summary>
public static class CampaignTables
{
    public static void Print(CampaignReport report)
    {
        CampaignSummary s = report.Summary;
        AnsiConsole.MarkupLineInterpolated($"[bold]{s.Name}[/] ({s.Id}): {s.Status.Text()}; {s.Dataset}, {s.Tasks} {s.Scenario} tasks; {s.RoundsDone}/{s.RoundsTotal} rounds; cost {s.TotalCost:0.000000} {s.Currency}");
        if (s.FailureReason is not null) AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {s.FailureReason}");
        if (s.Redrives > 0) AnsiConsole.MarkupLineInterpolated($"pending work sent again {s.Redrives} time(s); last: {s.LastRedrive}");
        if (report.Evidence.Count == 0)
        {
            AnsiConsole.MarkupLine("No stage concluded yet.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("Evidence per arm (accuracies in %, mean over seeds [[95% interval]])")
            .AddColumns(new[] { "stage", "arm", "width", "seeds", "AA", "forgetting (paper)", "F Chaudhry", "LA", "BWT", "FWT", "train cost", "eval cost", $"serving /1M ({s.Currency})", "device s" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        foreach (WidthCurvePoint p in report.Evidence)
        {
            ArmEvidence e = p.Evidence;
            table.AddRow(p.Stage.ToString(), e.Arm, e.Width.ToString(), e.Seeds.ToString(), Pct(e.AverageAccuracy), Pct(e.Forgetting), Pct(e.ForgettingChaudhry),
                Pct(e.LearningAccuracy), Pct(e.BackwardTransfer), Pct(e.ForwardTransfer), e.TrainingCost.ToString("0.000000"), e.EvaluationCost.ToString("0.000000"),
                e.ServingCostPerMillion.ToString("0.000000"), e.DeviceSeconds.ToString("0.0"));
        }
        AnsiConsole.Write(table);
        if (s.Policy is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]Decisions[/] ({s.Policy}):");
            foreach (string d in s.Decisions) AnsiConsole.MarkupLineInterpolated($"  {d}");
        }
    }

    public static string Pct(Estimate? e) => e is null ? "-"
        : e.N > 1 ? $"{Format.Percent(e.Mean)} [[{Format.Percent(e.Low)}, {Format.Percent(e.High)}]]" : Format.Percent(e.Mean);
}
