using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Replay;

/// <summary>
/// `widthretrain replay ID`: re-derives every recorded decision from the campaign's events and reports each as identical
/// or different (exit code 3 on any difference: an audit failure). With --policy and/or --prices: what would have been
/// decided on the same evidence, without training; a step to something never measured is shown as a forecast.
/// </summary>
public sealed class ReplayCommand : AsyncCommand<ReplaySettings>
{
    public const int AuditFailed = 3;

    public override async Task<int> ExecuteAsync(CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        InvestmentPolicy? otherPolicy = settings.PolicyFile is null ? null : RunSettings.ReadJson<InvestmentPolicy>("--policy", settings.PolicyFile);
        PriceBook? otherPrices = settings.PricesFile is null ? null : RunSettings.ReadJson<PriceBook>("--prices", settings.PricesFile);
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        Guid id = await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken);

        var clock = Stopwatch.StartNew();
        await using var session = store.QuerySession();
        CampaignHistory history = await CampaignHistory.LoadAsync(session, id, cancellationToken) ?? throw new ArgumentException($"ID: no campaign {id}");
        double loaded = clock.Elapsed.TotalSeconds;
        if (history.Spec.Policy is null)
            throw new ArgumentException($"ID: campaign {id} ran a fixed list of widths; it made no investment decisions to replay");
        InvestmentPolicy recordedPolicy = history.Decisions.Count > 0 ? history.Decisions[0].Policy : history.Spec.Policy;
        CampaignShape shape = InvestmentHistory.Shape(history.Spec);

        if (otherPolicy is null && otherPrices is null)
        {
            var (stages, spent) = InvestmentHistory.Build(history.Stages, history.Rounds, recordedPolicy);
            IReadOnlyList<ReplayStep> audit = DecisionReplayer.Audit(recordedPolicy, stages, spent, history.Decisions.Select(d => d.Decision).ToArray(), shape);
            double seconds = clock.Elapsed.TotalSeconds;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("stage", "recorded", "replayed", "result");
            foreach (ReplayStep s in audit)
                table.AddRow(s.Stage.ToString(), Markup.Escape(Describe(s.Recorded)), Markup.Escape(Describe(s.Replayed)),
                    s.Identical ? "[green]identical[/]" : $"[red]different[/]: {Markup.Escape(string.Join("; ", s.Differences))}");
            AnsiConsole.MarkupLineInterpolated($"[bold]Audit of campaign {id}[/] under {recordedPolicy.Name} v{recordedPolicy.Version}: {audit.Count} decision(s) re-derived from {history.EventCount} events ({history.Rounds.Count} rounds)");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"read in {loaded:0.000} s, replayed in {seconds:0.000} s ({history.EventCount / seconds:0} events/s)");
            if (audit.Any(s => !s.Identical))
            {
                AnsiConsole.MarkupLine("[red]audit failed:[/] a recorded decision does not follow from the recorded evidence");
                return AuditFailed;
            }
            AnsiConsole.MarkupLine("[green]audit passed:[/] every decision follows from the recorded evidence");
            return 0;
        }

        InvestmentPolicy policy = otherPolicy ?? recordedPolicy;
        var (records, spentAfter) = InvestmentHistory.Build(history.Stages, history.Rounds, policy, otherPrices);
        CounterfactualPath path = DecisionReplayer.Counterfactual(policy, records, spentAfter, shape);
        AnsiConsole.MarkupLineInterpolated($"[bold]Counterfactual for campaign {id}[/]: policy {policy.Name} v{policy.Version}{(otherPrices is null ? "" : $", prices in {otherPrices.Currency} from {settings.PricesFile}")}; no round is trained");
        var cf = new Table().Border(TableBorder.Rounded).AddColumns("stage", "recorded", "would decide", "why");
        foreach (InvestmentDecision d in path.Decisions)
        {
            string recorded = history.Decisions.FirstOrDefault(r => r.Decision.Stage == d.Stage)?.Decision is { } r ? Describe(r) : "-";
            cf.AddRow(d.Stage.ToString(), Markup.Escape(recorded), Markup.Escape(Describe(d)), Markup.Escape(d.Explanation));
        }
        AnsiConsole.Write(cf);
        AnsiConsole.MarkupLineInterpolated($"uses {path.StagesUsed} of {records.Count} recorded stage(s), spending {path.SpendOfStagesUsed:0.000000} (recorded: {(spentAfter.Count == 0 ? 0 : spentAfter[^1]):0.000000})");
        if (path.Divergence is not null) AnsiConsole.MarkupLineInterpolated($"[yellow]diverges:[/] {path.Divergence}");
        if (path.Forecast is { } f)
            AnsiConsole.MarkupLineInterpolated($"[yellow]FORECAST, not measured:[/] width {f.FromWidth} -> {f.ToWidth} would cut forgetting by {100 * f.Gain:0.00} pts [{100 * f.Low:0.00}, {100 * f.High:0.00}] ({f.Models})");
        return 0;
    }

    private static string Describe(InvestmentDecision d) => d.Action switch
    {
        DecisionAction.Widen => $"widen to {d.IncumbentWidth}, test {d.NextWidth}",
        DecisionAction.TryLever => $"at {d.IncumbentWidth}, pilot {StagedWidening.Describe(d.Lever!)}",
        DecisionAction.KeepLever => $"keep {StagedWidening.Describe(d.Lever!)} at {d.IncumbentWidth}",
        _ => $"stop at {d.IncumbentWidth} ({d.Reason})",
    };
}
