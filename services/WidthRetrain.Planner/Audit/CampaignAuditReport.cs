using WidthRetrain.Investment.Replay;

namespace WidthRetrain.Planner.Audit;

/// <summary>
/// The verdict on a campaign's record: every finding (empty when it holds), the head hash of its stream (to keep outside
/// the database), the decisions re-derived from the evidence, and what was checked.
/// </summary>
public sealed record CampaignAuditReport(
    Guid CampaignId,
    string? HeadHash,
    long Events,
    int RoundStreams,
    int CheckpointsChecked,
    int CheckpointsAbsent,
    IReadOnlyList<ReplayStep> Decisions,
    IReadOnlyList<AuditFinding> Findings)
{
    public bool Passed => Findings.Count == 0;
}
