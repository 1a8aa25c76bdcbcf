using Spectre.Console;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>The console table of a campaign: per stage and arm, the evidence over seeds (mean, and 95% interval with several seeds).</summary>
public static class CampaignTables
{
    public static void Print(CampaignReport report)
    {
        CampaignSummary s = report.Summary;
        AnsiConsole.MarkupLineInterpolated($"[bold]{s.Name}[/] ({s.Id}): {s.Status.Text()}; {s.Dataset}, {s.Tasks} {s.Scenario} tasks; {s.RoundsDone}/{s.RoundsTotal} rounds; cost {NumberText.Cost(s.TotalCost)} {s.Currency}");
        if (s.FailureReason is not null) AnsiConsole.MarkupLineInterpolated($"[red]failed:[/] {s.FailureReason}");
        if (s.Redrives > 0) AnsiConsole.MarkupLineInterpolated($"pending work sent again {s.Redrives} time(s); last: {s.LastRedrive}");
        if (report.Evidence.Count == 0)
        {
            AnsiConsole.MarkupLine("No stage concluded yet.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("Evidence per arm (accuracies in %, forgetting/BWT/FWT in pts; mean over seeds [[95% interval, clipped to the possible range]])")
            .AddColumns(new[] { "stage", "arm", "width", "seeds", "AA", "forgetting (paper)", "F Chaudhry", "LA", "BWT", "FWT", "train cost", "eval cost", $"serving /1M ({s.Currency})", "device s" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
        foreach (WidthCurvePoint p in report.Evidence)
        {
            ArmEvidence e = p.Evidence;
            table.AddRow(p.Stage.ToString(), e.Arm, e.Width.ToString(), e.Seeds.ToString(), Pct(e.AverageAccuracy, Bounds.Unit), Pct(e.Forgetting, Bounds.Unit), Pct(e.ForgettingChaudhry, Bounds.Signed),
                Pct(e.LearningAccuracy, Bounds.Unit), Pct(e.BackwardTransfer, Bounds.Signed), Pct(e.ForwardTransfer, Bounds.Signed), NumberText.Cost(e.TrainingCost), NumberText.Cost(e.EvaluationCost),
                NumberText.Cost(e.ServingCostPerMillion), e.DeviceSeconds.ToString("0.0"));
        }
        AnsiConsole.Write(table);
        if (s.Policy is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]Decisions[/] ({s.Policy}):");
            foreach (string d in s.Decisions) AnsiConsole.MarkupLineInterpolated($"  {d}");
        }
    }

    /// <summary>Escaped: the interval's brackets would otherwise read as console markup.</summary>
    public static string Pct(Estimate? e) => Markup.Escape(NumberText.PercentInterval(e));

    /// <summary>As <see cref="Pct(Estimate?)"/>, the interval clipped to what the quantity allows by definition.</summary>
    public static string Pct(Estimate? e, Bounds bounds) => Markup.Escape(NumberText.PercentInterval(e, bounds));
}
