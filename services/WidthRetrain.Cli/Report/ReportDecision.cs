using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;

namespace WidthRetrain.Cli.Report;

/// <summary>A recorded decision with the comparison it was made on and the spend after its stage (null where that evidence is missing).</summary>
public sealed record ReportDecision(InvestmentDecision Decision, ArmComparison? Comparison, double? SpentAfter)
{
    /// <summary>The explanation in today's words when replay re-derives the decision identically; null = show the recorded one.</summary>
    public string? CurrentExplanation { get; init; }

    public string Explanation => CurrentExplanation ?? Decision.Explanation;
}
