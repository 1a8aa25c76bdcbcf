using System.Diagnostics;
using Marten;
using Spectre.Console;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// Follows a campaign through its summary (the inline projection) until it is completed or failed: rounds done, the
/// last round, elapsed time and ETA. A database that drops out is waited for (the campaign goes on without us);
/// the wait is bounded by the timeout and ended at once by Ctrl-C or SIGTERM.
/// </summary>
public static class CampaignFollower
{
    public static async Task<CampaignSummary> FollowAsync(IDocumentStore store, Guid id, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CampaignSummary? last = null;
        string? outage = null;
        async Task<CampaignSummary?> Poll()
        {
            try
            {
                await using var q = store.QuerySession();
                CampaignSummary? s = await q.LoadAsync<CampaignSummary>(id, cancel);
                if (outage is not null) Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] event store reachable again");
                outage = null;
                return s;
            }
            catch (Exception e) when (e is not OperationCanceledException && IsStoreOutage(e))
            {
                if (outage is null) Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] event store unreachable ({OneLine(e)}); waiting for it");
                outage = e.Message;
                return last;
            }
        }

        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("waiting for the planner", maxValue: 1);
                    while (last is not { IsFinished: true } && clock.Elapsed < timeout)
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
            while (last is not { IsFinished: true } && clock.Elapsed < timeout)
            {
                await Task.Delay(500, cancel);
                last = await Poll();
                if (last is null || last.RoundsDone == shown) continue;
                shown = last.RoundsDone;
                double eta = shown == 0 ? double.NaN : clock.Elapsed.TotalSeconds / shown * (last.RoundsTotal - shown);
                Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] rounds {shown}/{last.RoundsTotal}  last: {last.LastRound ?? "-"}  ETA {(double.IsNaN(eta) ? "?" : TimeSpan.FromSeconds(eta).ToString("mm\\:ss"))}");
            }
        }
        if (last is null)
            throw new TimeoutException($"campaign {id}: the planner recorded nothing within {timeout.TotalMinutes:0.#} min (is the suite running?{(outage is null ? "" : $" the event store is unreachable: {outage}")})");
        if (!last.IsFinished)
            throw new TimeoutException($"campaign {id}: {last.RoundsDone}/{last.RoundsTotal} rounds after {timeout.TotalMinutes:0.#} min; `widthretrain show {id}` follows it later");
        AnsiConsole.MarkupLineInterpolated($"Campaign {last.Status.Text()} in {clock.Elapsed:mm\\:ss}: {last.RoundsDone} rounds, {last.DeviceSeconds:0.0} device-seconds, cost {last.TotalCost:0.000000} {last.Currency}");
        return last;
    }

    /// <summary>Errors of a database that is down or restarting (as opposed to a bug): connection refused, shutdown, timeouts.</summary>
    public static bool IsStoreOutage(Exception e) => e switch
    {
        Npgsql.NpgsqlException n => n.IsTransient || n is Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" },
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => e.InnerException is not null && IsStoreOutage(e.InnerException),
    };

    public static string OneLine(Exception e) => Planner.Deciding.FaultReport.OneLine(e.Message);
}
