using System.Diagnostics;
using Marten;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Dashboard.Shared;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Dashboard.Replay;

/// <summary>
/// The page's replay and counterfactual: the same library calls as `widthretrain replay ID [--policy] [--prices]` (load the
/// record, verify it, re-derive the decisions; a counterfactual only on a record that verifies). Checkpoint files are not
/// read here: the dashboard has no checkpoint store (the CLI's replay checks them).
/// </summary>
public static class CampaignReplay
{
    public static async Task<AuditView> AuditAsync(IDocumentStore store, Guid id, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id);
        CampaignAuditReport audit = CampaignAudit.Verify(record);
        return View(audit, clock.Elapsed.TotalSeconds);
    }

    public static async Task<CounterfactualView> CounterfactualAsync(IDocumentStore store, Guid id, CounterfactualRequest request, CancellationToken cancel)
    {
        InvestmentPolicy? otherPolicy = PastedJson.Parse<InvestmentPolicy>("policy", request.Policy);
        PriceBook? otherPrices = PastedJson.Parse<PriceBook>("prices", request.Prices);
        if (otherPolicy is null && otherPrices is null) throw new DashboardProblem("policy, prices: paste another policy or another price book (JSON)");
        // Refused before the store is read, as the CLI does: a policy no rule answers for has nothing to decide with.
        if (otherPolicy is not null && PolicyRegistry.Standard.Problems(otherPolicy) is { Count: > 0 } unknown)
            throw new DashboardProblem(string.Join("; ", unknown));

        CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id);
        CampaignAuditReport audit = CampaignAudit.Verify(record);
        if (!audit.Passed)
            throw new DashboardProblem($"no counterfactual: the record does not verify ({audit.Findings[0]}), so what it would decide means nothing", StatusCodes.Status409Conflict);
        CampaignHistory history = CampaignHistory.Of(record) ?? throw DashboardProblem.NotFound(id);
        // The spec's own rules for a policy and a price book, with the field names of a spec (policy.startWidth, prices.currency).
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(history.Spec with
        {
            Policy = otherPolicy ?? history.Spec.Policy,
            Widths = otherPolicy is null ? history.Spec.Widths : [],
            Prices = otherPrices ?? history.Spec.Prices,
        });
        string[] own = [.. problems.Where(p => (otherPolicy is not null && p.StartsWith("policy", StringComparison.Ordinal))
                                             || (otherPrices is not null && p.StartsWith("prices", StringComparison.Ordinal)))];
        if (own.Length > 0) throw new DashboardProblem(string.Join("; ", own));

        InvestmentPolicy policy = otherPolicy ?? history.Policy
            ?? throw new DashboardProblem($"policy: campaign {id} ran a fixed list of widths; paste a policy to ask what a staged investment would have decided");
        var (records, spentAfter) = InvestmentHistory.Build(history.Stages, history.Rounds, policy, otherPrices);
        if (records.Count == 0) throw new DashboardProblem($"id: campaign {id} has no stage comparing two widths; a policy has nothing to decide from");
        CounterfactualPath path = DecisionReplayer.Counterfactual(policy, records, spentAfter, InvestmentHistory.Shape(history.Spec));

        CounterfactualStep[] steps = [.. path.Decisions.Select(d => new CounterfactualStep(d.Stage,
            history.Decisions.FirstOrDefault(r => r.Decision.Stage == d.Stage)?.Decision is { } r ? DecisionText.Step(r) : "-",
            DecisionText.Step(d), d.Explanation))];
        string policyName = DecisionText.Policy(policy.Name, policy.Version);
        string line = $"policy {policyName}{(otherPrices is null ? "" : $", prices in {otherPrices.Currency}")}; uses {path.StagesUsed} of {records.Count} recorded stage(s); no round is trained"
                      + (path.Divergence is null ? "" : $"; diverges: {path.Divergence}");
        return new CounterfactualView(line, policyName, otherPrices?.Currency, steps, path.StagesUsed, records.Count, path.SpendOfStagesUsed,
            spentAfter.Count == 0 ? 0 : spentAfter[^1], path.Divergence, path.Forecast);
    }

    private static AuditView View(CampaignAuditReport r, double seconds)
    {
        string line = r.Passed
            ? $"audit passed: {r.Events} events and {r.RoundStreams} round streams chain intact; {r.Decisions.Count} decision(s) re-derived, every one identical (checkpoint files are checked by `widthretrain replay`)"
            : $"audit failed: {r.Findings.Count} finding(s); the first bad event: {r.Findings[0]}";
        return new AuditView(r.Passed, line, r.Events, r.RoundStreams, r.HeadHash,
            [.. r.Decisions.Select(s => new ReplayedDecision(s.Stage, DecisionText.Step(s.Recorded), DecisionText.Step(s.Replayed), s.Identical, s.Differences))],
            [.. r.Findings.Select(f => f.ToString())], seconds);
    }
}
