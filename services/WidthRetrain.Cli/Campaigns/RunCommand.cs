using System.Diagnostics;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Hosting.Mapping;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>`widthretrain run`: starts a campaign (embedded, or on a deployed suite), follows it live, prints its table.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        CampaignSpec spec = settings.ToSpec();
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(spec);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems)); // refused before anything is recorded
        bool embedded = settings.RabbitMq is null;
        if (settings.Threads is < 1) throw new ArgumentException($"--threads: must be at least 1, got {settings.Threads}");

        using IHost host = embedded
            ? Suite.Embedded(settings, settings.Checkpoints ?? Path.Combine(Path.GetTempPath(), "widthretrain", "checkpoints"), settings.DataDir,
                new Dictionary<string, string?> { ["Storage:Threads"] = settings.Threads?.ToString() })
            : Suite.Client(settings, settings.RabbitMq!);
        await host.PrepareStoreAsync(settings.ConnectionString, TimeSpan.FromSeconds(20), cancellationToken);
        await host.StartAsync(cancellationToken);
        try
        {
            var id = NewId.NextGuid();
            AnsiConsole.MarkupLineInterpolated(
                $"[bold]Campaign {id}[/] '{spec.Name}': {spec.Dataset.Name}, {spec.Drift.Tasks} {spec.Drift.Kind} tasks, {(spec.Policy is { } p ? $"staged from width {p.StartWidth} (x{p.GrowthFactor}, cap {p.CapWidth})" : $"widths {string.Join(",", spec.Widths)}")}, seeds {string.Join(",", spec.Seeds)} ({(embedded ? "embedded: every service in this process" : $"sent to {Redact(settings.RabbitMq!)}")})");
            await host.Services.GetRequiredService<IBus>().Publish(new StartCampaign(id, spec), cancellationToken);

            var store = host.Services.GetRequiredService<IDocumentStore>();
            CampaignSummary summary = await Follow(store, id, TimeSpan.FromMinutes(settings.TimeoutMinutes), cancellationToken);
            CampaignReport report = (await CampaignReader.ReadAsync(store, id, cancellationToken))!;
            CampaignTables.Print(report);
            if (settings.Json is { } json)
            {
                SweepCommand.WriteAllTextCreatingFolder(json, JsonSerializer.Serialize(report, Json.Options));
                AnsiConsole.MarkupLineInterpolated($"Campaign written to [blue]{json}[/]");
            }
            if (settings.Plot is { } plot && report.Evidence.Count > 0)
            {
                CampaignPlot.Save(report, plot);
                AnsiConsole.MarkupLineInterpolated($"Plot written to [blue]{plot}[/]");
            }
            return summary.Status == "completed" ? 0 : 1;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls the campaign summary (the inline projection) and shows rounds done, the last round, elapsed time and ETA.</summary>
    private static async Task<CampaignSummary> Follow(IDocumentStore store, Guid id, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CampaignSummary? last = null;
        async Task<CampaignSummary?> Poll()
        {
            await using var q = store.QuerySession();
            return await q.LoadAsync<CampaignSummary>(id, cancel);
        }
        bool Finished(CampaignSummary? s) => s is { Status: "completed" or "failed" };

        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("waiting for the planner", maxValue: 1);
                    while (!Finished(last) && clock.Elapsed < timeout)
                    {
                        await Task.Delay(500, cancel);
                        last = await Poll();
                        if (last is null || last.RoundsTotal == 0) continue;
                        task.MaxValue = last.RoundsTotal;
                        task.Value = last.RoundsDone;
                        task.Description = $"rounds {last.RoundsDone}/{last.RoundsTotal}  last: {last.LastRound ?? "-"}";
                    }
                });
        }
        else
        {
            int shown = -1;
            while (!Finished(last) && clock.Elapsed < timeout)
            {
                await Task.Delay(500, cancel);
                last = await Poll();
                if (last is null || last.RoundsDone == shown) continue;
                shown = last.RoundsDone;
                double eta = shown == 0 ? double.NaN : clock.Elapsed.TotalSeconds / shown * (last.RoundsTotal - shown);
                Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] rounds {shown}/{last.RoundsTotal}  last: {last.LastRound ?? "-"}  ETA {(double.IsNaN(eta) ? "?" : TimeSpan.FromSeconds(eta).ToString("mm\\:ss"))}");
            }
        }
        if (last is null) throw new TimeoutException($"campaign {id}: the planner recorded nothing within {timeout.TotalMinutes:0.#} min (is the suite running?)");
        if (!Finished(last)) throw new TimeoutException($"campaign {id}: {last.RoundsDone}/{last.RoundsTotal} rounds after {timeout.TotalMinutes:0.#} min; `widthretrain show {id}` follows it later");
        AnsiConsole.MarkupLineInterpolated($"Campaign {last.Status} in {clock.Elapsed:mm\\:ss}: {last.RoundsDone} rounds, {last.DeviceSeconds:0.0} device-seconds, cost {last.TotalCost:0.000000} {last.Currency}");
        return last;
    }

    private static string Redact(string url) => Uri.TryCreate(url, UriKind.Absolute, out Uri? u) ? $"{u.Scheme}://{u.Host}:{u.Port}{u.AbsolutePath}" : "the broker";
}
