using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Investment.Policies;

/// <summary>
/// One investment policy's logic, registered under the name and version an <see cref="InvestmentPolicy"/> records:
/// the parameters live in the policy record, the rule decides from them. Pure.
/// </summary>
public interface IInvestmentRule
{
    string Name { get; }

    int Version { get; }

    /// <summary>The decision after the last of <paramref name="stages"/>, with <paramref name="spent"/> spent so far.</summary>
    InvestmentDecision Decide(InvestmentPolicy policy, IReadOnlyList<StageRecord> stages, double spent, CampaignShape shape);

    /// <summary>The candidate width a stage compares with <paramref name="width"/>.</summary>
    int NextWidth(InvestmentPolicy policy, int width);

    /// <summary>A lever in the words of this rule's explanations.</summary>
    string DescribeLever(LeverOption lever);
}
