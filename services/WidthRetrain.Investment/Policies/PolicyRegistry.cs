using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Policies;

/// <summary>
/// The investment rules a policy record may name, keyed by name and version. Immutable: <see cref="With"/> gives a new
/// registry, so a test (or a later policy) adds a rule without touching the one every service shares.
/// </summary>
public sealed class PolicyRegistry
{
    private readonly IReadOnlyDictionary<(string Name, int Version), IInvestmentRule> rules;

    public PolicyRegistry(IEnumerable<IInvestmentRule> rules)
    {
        var byKey = new Dictionary<(string, int), IInvestmentRule>();
        foreach (IInvestmentRule rule in rules)
            if (!byKey.TryAdd((rule.Name, rule.Version), rule))
                throw new ArgumentException($"rules: {DecisionText.Policy(rule.Name, rule.Version)} is registered twice");
        this.rules = byKey;
    }

    /// <summary>The rules campaigns run under: staged widening v2 (the default) and v1, which campaigns recorded before v2 name.</summary>
    public static PolicyRegistry Standard { get; } = new([new StagedWidening(StagedWidening.PolicyVersion), new StagedWidening(StagedWidening.LeversWhenWidthDoesNotPay)]);

    public PolicyRegistry With(IInvestmentRule rule) => new(rules.Values.Append(rule));

    /// <summary>Every registered rule as "name vN", ordered.</summary>
    public IReadOnlyList<string> Allowed =>
        [.. rules.Keys.OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Version).Select(k => DecisionText.Policy(k.Name, k.Version))];

    /// <summary>Why <paramref name="policy"/> names no registered rule (empty when it does), field by field.</summary>
    public IReadOnlyList<string> Problems(InvestmentPolicy policy)
    {
        if (rules.ContainsKey((policy.Name, policy.Version))) return [];
        int[] versions = [.. rules.Keys.Where(k => k.Name == policy.Name).Select(k => k.Version).Order()];
        if (versions.Length == 0)
        {
            string names = string.Join(", ", rules.Keys.Select(k => k.Name).Distinct().Order(StringComparer.Ordinal));
            return [$"policy.name: unknown policy '{policy.Name}'; allowed: {names}"];
        }
        return [$"policy.version: {policy.Name} has no version {policy.Version}; allowed: {string.Join(", ", versions)}"];
    }

    /// <summary>The rule <paramref name="policy"/> names.</summary>
    /// <exception cref="ArgumentException">No rule is registered under its name and version; the message says which are.</exception>
    public IInvestmentRule For(InvestmentPolicy policy) =>
        rules.GetValueOrDefault((policy.Name, policy.Version)) ?? throw new ArgumentException(string.Join("; ", Problems(policy)));

    /// <summary>
    /// The rule a recorded policy was decided by, or null. Before names selected rules, every policy was version 1 and
    /// staged widening decided it whatever its name (e.g. "strict"); so a recorded version-1 policy whose name no rule
    /// answers for resolves to staged widening, and such campaigns keep running, replaying and verifying as they were
    /// decided. New specs and counterfactuals go through <see cref="For"/> and must name a rule.
    /// </summary>
    public IInvestmentRule? RecordedRule(InvestmentPolicy policy) =>
        rules.GetValueOrDefault((policy.Name, policy.Version))
        ?? (policy.Version == StagedWidening.PolicyVersion ? rules.GetValueOrDefault((StagedWidening.PolicyName, StagedWidening.PolicyVersion)) : null);

    /// <summary><see cref="RecordedRule"/>, or an error naming what is allowed.</summary>
    public IInvestmentRule ForRecorded(InvestmentPolicy policy) => RecordedRule(policy) ?? throw new ArgumentException(string.Join("; ", Problems(policy)));
}
