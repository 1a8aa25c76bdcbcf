using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Dashboard.Decisions;

/// <summary>
/// One stage on the decision timeline: what it compared and, once concluded, the decision with the numbers it used
/// (fractions for forgetting, the campaign's currency for cost), as recorded.
/// </summary>
/// <param name="Step">The decision in a few words ("widen to 64, test 128"); null while the stage runs.</param>
/// <param name="Numbers">The evidence the decision compared: the gain with its interval, extra cost, return, threshold.</param>
/// <param name="ReturnUnit">The unit the return and its threshold are in, in words ("pts per 1000 USD"), from the campaign's policy.</param>
public sealed record DecisionEntry(
    int Stage,
    string? Incumbent,
    string? Candidate,
    string? Lever,
    int Rounds,
    string? Step,
    string? Verdict,
    string? Explanation,
    DecisionNumbers? Numbers,
    string? Policy,
    int EvidenceEvents,
    string? ReturnUnit);
