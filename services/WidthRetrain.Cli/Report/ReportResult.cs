using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// What `report --json` writes: where the report went and what it says (<see cref="DecisionReportModel"/>, its
/// accuracy matrix as rows), with the verification it was written under.
/// </summary>
public sealed record ReportResult(
    Guid CampaignId,
    string Folder,
    IReadOnlyList<string> Files,
    CampaignAuditReport Audit,
    CampaignSummary Summary,
    InvestmentPolicy? Policy,
    double? Budget,
    IReadOnlyList<string> Levers,
    IReadOnlyList<ReportArm> Arms,
    IReadOnlyList<ReportDecision> Decisions,
    IReadOnlyList<StageRecord> Stages,
    double? ReturnThreshold,
    OffsetPowerLaw? OffsetFit,
    WidthCurveFit? LogFit,
    string Chosen,
    double[][] ChosenAccuracy)
{
    public static ReportResult Of(DecisionReportModel m, string folder, IReadOnlyList<string> files) => new(m.CampaignId, folder, files, m.Audit, m.Summary,
        m.Policy, m.Budget, m.Levers, m.Arms, m.Decisions, m.Stages, m.ReturnThreshold, m.OffsetFit, m.LogFit, m.Chosen,
        [.. Enumerable.Range(0, m.ChosenAccuracy.GetLength(0)).Select(i => Enumerable.Range(0, m.ChosenAccuracy.GetLength(1)).Select(j => m.ChosenAccuracy[i, j]).ToArray())]);
}
