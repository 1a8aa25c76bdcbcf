namespace WidthRetrain.Dashboard.Replay;

/// <summary>
/// The audit of a campaign's record as `widthretrain replay ID` runs it: the verdict in one line (the first finding when it
/// fails), every decision re-derived, and what was checked.
/// </summary>
public sealed record AuditView(
    bool Passed,
    string Line,
    long Events,
    int RoundStreams,
    string? HeadHash,
    IReadOnlyList<ReplayedDecision> Decisions,
    IReadOnlyList<string> Findings,
    double Seconds);

/// <summary>One recorded decision and the one re-derived from the same evidence.</summary>
public sealed record ReplayedDecision(int Stage, string Recorded, string Replayed, bool Identical, IReadOnlyList<string> Differences);
