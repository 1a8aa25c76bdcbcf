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
    /// <param name="wide">Every column, whatever the terminal width.</param>
    public static void Print(CampaignReport report, bool wide = false)
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
        // Short headers, explained in the legend under the table; the columns left out at this width are in --wide and --json.
        var table = new FittedTable { Title = "Evidence per arm (accuracies in %, F/BWT/FWT in pts; mean over seeds [95% interval, clipped to the possible range])" }
            .Column("stage", essential: true).Column("arm", essential: true, right: false, noWrap: true).Column("seeds", essential: true)
            .Column("AA", essential: true, legend: "AA average accuracy").Column("F", essential: true, legend: "F forgetting (paper)")
            .Column("train cost", essential: true).Column("F Chaudhry").Column("LA", legend: "LA learning accuracy")
            .Column("BWT", legend: "BWT/FWT backward/forward transfer").Column("FWT").Column("eval cost").Column($"serving /1M ({s.Currency})")
            .Column("device s").Column("width");
        foreach (WidthCurvePoint p in report.Evidence)
        {
            ArmEvidence e = p.Evidence;
            table.Row(p.Stage.ToString(), e.Arm, e.Seeds.ToString(), Pct(e.AverageAccuracy, Bounds.Unit), Pct(e.Forgetting, Bounds.Unit), NumberText.Cost(e.TrainingCost),
                Pct(e.ForgettingChaudhry, Bounds.Signed), Pct(e.LearningAccuracy, Bounds.Unit), Pct(e.BackwardTransfer, Bounds.Signed), Pct(e.ForwardTransfer, Bounds.Signed),
                NumberText.Cost(e.EvaluationCost), NumberText.Cost(e.ServingCostPerMillion), e.DeviceSeconds.ToString("0.0"), e.Width.ToString());
        }
        if (wide) Terminal.WriteUnconstrained(table.Build(Terminal.Width, all: true));
        else AnsiConsole.Write(table.Build(Terminal.Width));
        AnsiConsole.Write(new Paragraph($"{table.Legend}; costs in {s.Currency}.{(table.Left.Count == 0 ? "" : $" Left out at this width: {string.Join(", ", table.Left)} (`widthretrain show {s.Id} --wide` or --json).")}",
            new Style(Color.Grey)));
        AnsiConsole.WriteLine();
        if (s.Policy is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]Decisions[/] ({s.Policy}):");
            foreach (string d in s.Decisions) AnsiConsole.Write(Terminal.Indented(new Text(d), 2));
        }
    }

    /// <summary>Plain text (the table's cells are not markup).</summary>
    public static string Pct(Estimate? e) => NumberText.PercentInterval(e);

    /// <summary>As <see cref="Pct(Estimate?)"/>, the interval clipped to what the quantity allows by definition.</summary>
    public static string Pct(Estimate? e, Bounds bounds) => NumberText.PercentInterval(e, bounds);
}
