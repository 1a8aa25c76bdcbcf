using System.Diagnostics;
using Marten;
using Spectre.Console;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// Follows a campaign through its summary (the inline projection) until it is completed or failed: rounds done, the
/// last round, elapsed time and an ETA from the steady rate of this session's rounds (<see cref="RoundEta"/>); each
/// investment decision is printed with its evidence as soon as it is recorded. A database that drops out is waited
/// for (the campaign goes on without us); the wait is bounded by the timeout and ended at once by Ctrl-C or SIGTERM.
/// </summary>
public static class CampaignFollower
{
    public static async Task<CampaignSummary> FollowAsync(IDocumentStore store, Guid id, TimeSpan timeout, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        CampaignSummary? last = null;
        string? outage = null;
        var progress = new SessionProgress(id);
        async Task<CampaignSummary?> Poll()
        {
            try
            {
                await using var q = store.QuerySession();
                CampaignSummary? s = await q.LoadAsync<CampaignSummary>(id, cancel);
                if (s is not null) await progress.UpdateAsync(q, s, cancel);
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
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("waiting for the planner", maxValue: 1);
                    while (last is not { IsFinished: true } && clock.Elapsed < timeout)
                    {
                        await Task.Delay(500, cancel);
                        last = await Poll();
                        progress.PrintNewDecisions(last);
                        if (last is null || last.RoundsTotal == 0) continue;
                        task.MaxValue = last.RoundsTotal;
                        task.Value = last.RoundsDone;
                        task.Description = $"rounds {last.RoundsDone}/{last.RoundsTotal}  ETA {RoundEta.Text(progress.Eta)}";
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
                progress.PrintNewDecisions(last);
                if (last is null || last.RoundsDone == shown) continue;
                shown = last.RoundsDone;
                AnsiConsole.Write(new Text($"[{clock.Elapsed:mm\\:ss}] rounds {shown}/{last.RoundsTotal}  ETA {RoundEta.Text(progress.Eta)}  last: {last.LastRound ?? "-"}\n"));
            }
        }
        if (last is null)
            throw new TimeoutException($"campaign {id}: the planner recorded nothing within {timeout.TotalMinutes:0.#} min (is the suite running?{(outage is null ? "" : $" the event store is unreachable: {outage}")})");
        if (!last.IsFinished)
            throw new TimeoutException($"campaign {id}: {last.RoundsDone}/{last.RoundsTotal} rounds after {timeout.TotalMinutes:0.#} min; `widthretrain show {id}` follows it later");
        AnsiConsole.MarkupLineInterpolated($"Campaign {last.Status.Text()} in {clock.Elapsed:mm\\:ss}: {last.RoundsDone} rounds, {last.DeviceSeconds:0.0} device-seconds, cost {NumberText.Cost(last.TotalCost)} {last.Currency}");
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

    /// <summary>
    /// What this session has seen: the rounds completed before it (not part of the rate, whatever the clocks say), the
    /// ETA, and the decisions already printed (a resumed campaign's earlier ones are not printed again).
    /// </summary>
    private sealed class SessionProgress(Guid id)
    {
        private HashSet<Guid>? before;
        private CampaignSpec? spec;
        private int seenRounds = -1;
        private int? printedDecisions;
        private List<RoundView> rounds = [];
        private List<InvestmentDecision> pending = [];
        private string currency = "";

        public TimeSpan? Eta { get; private set; }

        public async Task UpdateAsync(IQuerySession q, CampaignSummary s, CancellationToken cancel)
        {
            currency = s.Currency;
            if (s.RoundsDone != seenRounds || s.Decisions.Count > (printedDecisions ?? 0) + pending.Count)
            {
                spec ??= (await q.LoadAsync<CampaignState>(id, cancel))?.Spec;
                rounds = [.. await q.Query<RoundView>().Where(r => r.CampaignId == id).ToListAsync(cancel)];
                before ??= [.. rounds.Where(r => r.CostedAt is not null).Select(r => r.Id)];
                seenRounds = s.RoundsDone;
                Eta = Estimate(s);
            }
            if (printedDecisions is null)
            {
                printedDecisions = s.Decisions.Count; // recorded before this session: `show` has them
                return;
            }
            if (s.Decisions.Count > printedDecisions + pending.Count)
            {
                var made = await q.Events.QueryRawEventDataOnly<DecisionMade>().Where(e => e.CampaignId == id).ToListAsync(cancel);
                pending = [.. made.Select(m => m.Decision).OrderBy(d => d.Stage).Skip(printedDecisions.Value)];
            }
        }

        public void PrintNewDecisions(CampaignSummary? s)
        {
            if (s is null || pending.Count == 0) return;
            foreach (InvestmentDecision d in pending)
            {
                IReadOnlyList<string> arms = [.. rounds.Where(r => r.Stage == d.Stage).GroupBy(r => r.Arm)
                    .Select(g => (g.Key, g.First().Width)).OrderBy(a => a.Width).ThenBy(a => a.Key.Length).Select(a => a.Key)];
                AnsiConsole.Write(DecisionBlock.Of(d, arms, currency, spec?.Policy?.ReturnUnit));
            }
            printedDecisions += pending.Count;
            pending = [];
        }

        private TimeSpan? Estimate(CampaignSummary s)
        {
            if (s.RoundsTotal == 0) return null; // nothing planned yet
            int perArm = spec is null ? 0 : spec.Drift.Tasks * spec.Seeds.Count;
            var timeline = rounds.Where(r => r.CostedAt is not null && before?.Contains(r.Id) != true)
                .Select(r => new CompletedRound(r.CostedAt!.Value, Work(r.Width))).ToList();
            var arms = rounds.GroupBy(r => (r.Stage, r.Arm)).Select(g => (Width: g.First().Width, Left: Math.Max(0, perArm - g.Count(r => r.CostedAt is not null)))).ToList();
            double remaining = arms.Sum(a => a.Left * Work(a.Width));
            // Rounds of a stage not scheduled yet: weighed as the average round seen so far.
            int unseen = s.RoundsTotal - s.RoundsDone - arms.Sum(a => a.Left);
            if (unseen > 0 && rounds.Count > 0) remaining += unseen * rounds.Average(r => Work(r.Width));
            return RoundEta.Estimate(timeline, remaining);
        }

        /// <summary>A round's expected FLOPs at this width; without the spec, its parameters (proportional to them).</summary>
        private double Work(int width) => spec is not null ? CampaignEstimate.RoundFlops(spec, width) : 784.0 * width + 10.0 * width;
    }
}
