using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Campaigns;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Investment.Scaling;
using WidthRetrain.Investment.Statistics;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Replay;

/// <summary>
/// `widthretrain replay ID`: verifies the campaign's record (hash chains, completeness, the spec's policy in every decision,
/// rounds against their streams, checkpoints where present) and re-derives every recorded decision from the evidence; exit
/// code 3 on anything that does not hold, naming the first bad event. With --policy and/or --prices: what would have been
/// decided on the same (verified) evidence, without training; a step to something never measured is shown as a forecast.
/// </summary>
public sealed class ReplayCommand : AsyncCommand<ReplaySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        InvestmentPolicy? otherPolicy = settings.PolicyFile is null ? null : RunSettings.ReadJson<InvestmentPolicy>("--policy", settings.PolicyFile);
        // Refused before the store is opened: a policy no rule answers for has nothing to decide with.
        if (otherPolicy is not null && PolicyRegistry.Standard.Problems(otherPolicy) is { Count: > 0 } problems)
            throw new ArgumentException($"--policy: {string.Join("; ", problems)}");
        PriceBook? otherPrices = settings.PricesFile is null ? null : RunSettings.ReadJson<PriceBook>("--prices", settings.PricesFile);
        if (otherPrices is not null && CampaignSpecValidator.PriceBookProblems(otherPrices) is { Count: > 0 } priceProblems)
            throw new ArgumentException($"--prices: {string.Join("; ", priceProblems)}");
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        Guid id = await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken);
        bool console = !JsonOutput.ToStdout(settings.Json);

        var clock = Stopwatch.StartNew();
        CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
        double loaded = clock.Elapsed.TotalSeconds;
        CampaignAuditReport audit = CampaignAudit.Verify(record, CheckpointProbe.For(settings.CheckpointRoot), settings.Head);
        double seconds = clock.Elapsed.TotalSeconds;

        if (otherPolicy is null && otherPrices is null)
        {
            if (console)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]Audit of campaign {id}[/]: {audit.Decisions.Count} decision(s) re-derived from {audit.Events} campaign events and {audit.RoundStreams} round streams");
                AuditPrinter.Decisions(audit.Decisions);
                AnsiConsole.MarkupLineInterpolated($"read in {loaded:0.000} s, verified and replayed in {seconds - loaded:0.000} s");
                AuditPrinter.Verdict(audit);
            }
            JsonOutput.Write(settings.Json, new ReplayResult(id, audit, loaded, seconds - loaded, null));
            return audit.Passed ? 0 : AuditPrinter.AuditFailed;
        }

        if (!audit.Passed)
        {
            if (console)
            {
                AuditPrinter.Verdict(audit);
                AnsiConsole.MarkupLine("[red]no counterfactual[/]: the record does not verify, so what it would decide means nothing");
            }
            JsonOutput.Write(settings.Json, new ReplayResult(id, audit, loaded, seconds - loaded, null));
            return AuditPrinter.AuditFailed;
        }
        CampaignHistory history = CampaignHistory.Of(record) ?? throw new ArgumentException($"ID: no campaign {id}");
        InvestmentPolicy policy = otherPolicy ?? history.Policy
            ?? throw new ArgumentException($"ID: campaign {id} ran a fixed list of widths; give --policy to ask what a staged investment would have decided");
        var (records, spentAfter) = InvestmentHistory.Build(history.Stages, history.Rounds, policy, otherPrices);
        if (records.Count == 0) throw new ArgumentException($"ID: campaign {id} has no stage comparing two widths; a policy has nothing to decide from");
        CounterfactualPath path = DecisionReplayer.Counterfactual(policy, records, spentAfter, InvestmentHistory.Shape(history.Spec));
        var stages = path.Decisions.Select(d =>
        {
            InvestmentDecision? recorded = history.Decisions.FirstOrDefault(r => r.Decision.Stage == d.Stage)?.Decision;
            return new ReplayCounterfactualStage(d.Stage, recorded is null ? null : DecisionText.Step(recorded), DecisionText.Step(d), recorded, d);
        }).ToList();
        double recordedSpend = spentAfter.Count == 0 ? 0 : spentAfter[^1];
        var counterfactual = new ReplayCounterfactual(DecisionText.Policy(policy.Name, policy.Version), otherPrices?.Currency, stages, path.StagesUsed, records.Count,
            path.SpendOfStagesUsed, recordedSpend, path.Divergence, path.Forecast);
        JsonOutput.Write(settings.Json, new ReplayResult(id, audit, loaded, seconds - loaded, counterfactual));
        if (!console) return 0;

        AnsiConsole.MarkupLineInterpolated($"[bold]Counterfactual for campaign {id}[/]: policy {counterfactual.Policy}{(otherPrices is null ? "" : $", prices in {otherPrices.Currency} from {settings.PricesFile}")}; no round is trained");
        // A list rather than a table: the explanation is a sentence, wrapped under its stage at any width.
        foreach (ReplayCounterfactualStage s in stages)
        {
            AnsiConsole.MarkupLineInterpolated($"stage {s.Stage}: would decide [bold]{s.WouldDecide}[/]; recorded {s.Recorded ?? "-"}");
            AnsiConsole.Write(Terminal.Indented(new Text(s.Decision.Explanation), 4));
        }
        // Under --prices the spend of every recorded stage is re-priced too: say so, it is not what the record spent.
        string currency = otherPrices?.Currency ?? history.Spec.Prices.Currency;
        AnsiConsole.MarkupLineInterpolated($"uses {path.StagesUsed} of {records.Count} recorded stage(s), spending {NumberText.Cost(path.SpendOfStagesUsed)} {currency} ({(otherPrices is null ? "recorded" : "all recorded stages at these prices")}: {NumberText.Cost(recordedSpend)} {currency})");
        if (path.Divergence is not null) AnsiConsole.MarkupLineInterpolated($"[yellow]diverges:[/] {path.Divergence}");
        if (path.Forecast is { } f)
        {
            string caveat = StatisticsText.ForecastCaveat(WidthTrend.Of(MeasuredWidthCurve.Of(records.Take(path.StagesUsed))));
            AnsiConsole.MarkupLineInterpolated($"[yellow]FORECAST, not measured:[/] width {f.FromWidth} -> {f.ToWidth} would {DecisionText.Cuts(f.Gain)} [[gain {NumberText.Points(f.Low)}, {NumberText.Points(f.High)}]] ({f.Models}){(caveat.Length > 0 ? "; " + caveat : "")}");
        }
        return 0;
    }
}
