using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Investment.Replay;

/// <summary>One recorded decision re-derived: identical, or the fields that differ (an audit failure).</summary>
public sealed record ReplayStep(int Stage, InvestmentDecision Recorded, InvestmentDecision Replayed, IReadOnlyList<string> Differences)
{
    public bool Identical => Differences.Count == 0;
}
