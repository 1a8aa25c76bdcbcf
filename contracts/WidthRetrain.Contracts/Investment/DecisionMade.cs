namespace WidthRetrain.Contracts.Investment;

/// <summary>The planner decided after a stage: the decision (with its numbers and evidence ids) and the exact policy that made it.</summary>
public sealed record DecisionMade(Guid CampaignId, InvestmentDecision Decision, InvestmentPolicy Policy) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
