using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// Writes the decision report of a campaign into a folder: the model built from the recorded events (nothing is
/// recomputed by training), its plots, report.md and report.html.
/// </summary>
public static class DecisionReport
{
    public static IReadOnlyList<string> Write(CampaignHistory history, CampaignReport report, CampaignAuditReport audit, string folder) =>
        Write(DecisionReportBuilder.Build(history, report, audit), folder);

    public static IReadOnlyList<string> Write(DecisionReportModel model, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>(ReportPlots.Save(model, folder));
        string markdown = ReportMarkdown.Write(model);
        File.WriteAllText(Path.Combine(folder, "report.md"), markdown);
        File.WriteAllText(Path.Combine(folder, "report.html"), ReportHtml.Render(markdown));
        files.Add("report.md");
        files.Add("report.html");
        return files;
    }
}
