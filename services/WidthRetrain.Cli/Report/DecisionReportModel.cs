using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Report;

/// <summary>
/// What a decision report says, built from the recorded campaign only (<see cref="DecisionReportBuilder"/>); the writers
/// only lay it out.
/// </summary>
/// <param name="Policy">The spec's policy; null for a campaign of fixed widths.</param>
/// <param name="Budget">The campaign's budget, else the policy's.</param>
/// <param name="Levers">The policy's levers in its rule's words.</param>
/// <param name="Arms">Each arm's latest evidence, ordered by width.</param>
/// <param name="Stages">The stages as the policy compared them, for the return per stage.</param>
/// <param name="ReturnThreshold">The threshold the recorded decisions were made against.</param>
/// <param name="Chosen">The arm the campaign ends with.</param>
/// <param name="ChosenAccuracy">The chosen arm's accuracy matrix in percent, mean over seeds: [after task i, on task j].</param>
public sealed record DecisionReportModel(
    Guid CampaignId,
    CampaignSummary Summary,
    InvestmentPolicy? Policy,
    double? Budget,
    IReadOnlyList<string> Levers,
    CampaignAuditReport Audit,
    IReadOnlyList<ReportArm> Arms,
    IReadOnlyList<ReportDecision> Decisions,
    IReadOnlyList<StageRecord> Stages,
    double? ReturnThreshold,
    OffsetPowerLaw? OffsetFit,
    WidthCurveFit? LogFit,
    string Chosen,
    double[,] ChosenAccuracy)
{
    /// <summary>Forgetting against width, tested against a flat line (per seed where the rounds are recorded).</summary>
    public WidthTrend? Trend { get; init; }

    /// <summary>The least-forgetting width arm against the others, paired by seed.</summary>
    public WidthRanking? Ranking { get; init; }

    /// <summary>The arms that are points of the width curve: every arm but the lever pilots.</summary>
    public IReadOnlyList<ReportArm> WidthArms => [.. Arms.Where(a => !a.IsLeverPilot)];
}
