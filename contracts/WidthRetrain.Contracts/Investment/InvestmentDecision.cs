namespace WidthRetrain.Contracts.Investment;

/// <summary>
/// A recorded decision: the action, the reason (for Stop), what comes next, the numbers compared, the policy that
/// decided (name and version), and the ids of the events holding the evidence it used.
/// </summary>
public sealed record InvestmentDecision(
    int Stage,
    DecisionAction Action,
    StopReason? Reason,
    int IncumbentWidth,
    int? NextWidth,
    LeverOption? Lever,
    string Explanation,
    DecisionNumbers Numbers,
    string PolicyName,
    int PolicyVersion,
    IReadOnlyList<Guid> EvidenceEventIds);
