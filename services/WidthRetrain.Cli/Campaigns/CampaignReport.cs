using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>What `run --json` and `show --json` write: the summary, the evidence per arm and stage, and every round.</summary>
public sealed record CampaignReport(CampaignSummary Summary, IReadOnlyList<WidthCurvePoint> Evidence, IReadOnlyList<RoundView> Rounds);
