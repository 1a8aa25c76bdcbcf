using Marten;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Consumers;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Redrive;

/// <summary>
/// The planner's watchdog (<see cref="RedriveDecider"/>): once the host has started it sends the pending work of
/// every running campaign in scope, then checks them every few seconds and sends again the work of any that stalled.
/// A database that is down only delays it: the check is tried again at the next tick.
/// </summary>
public sealed class CampaignRedriver(IDocumentStore store, IBus bus, IOptions<PlannerOptions> options, RedriveScope scope, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<CampaignRedriver> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PlannerOptions o = options.Value;
        // The bus must be running before anything is sent.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
        bool startup = o.RedriveOnStart;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.CheckEverySeconds), clock);
        do
        {
            await CheckAsync(startup, stoppingToken);
            startup = false;
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One pass over the running campaigns in scope.</summary>
    public async Task CheckAsync(bool atStartup, CancellationToken cancel)
    {
        IReadOnlyList<Guid> running;
        try
        {
            await using IQuerySession q = store.QuerySession();
            // Running = not finished (a resume clears FinishedAt). Not "Status == Running": Marten translates an enum
            // constant by its own enum storage setting, not by the enum's JSON converter.
            running = scope.Filter(await q.Query<CampaignSummary>().Where(s => s.FinishedAt == null).Select(s => s.Id).ToListAsync(cancel));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Cannot check running campaigns ({Error}); trying again in {Seconds} s", e.Message, options.Value.CheckEverySeconds);
            return;
        }
        foreach (Guid id in running)
        {
            try
            {
                await RedriveAsync(id, atStartup, cancel);
            }
            catch (JasperFx.ConcurrencyException)
            {
                // The campaign advanced while we looked: nothing to send.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Cannot check campaign {CampaignId} ({Error}); trying again in {Seconds} s", id, e.Message, options.Value.CheckEverySeconds);
            }
        }
    }

    private async Task RedriveAsync(Guid campaignId, bool atStartup, CancellationToken cancel)
    {
        await using var work = PlannerUnitOfWork.Open(store, campaignId, null, "redrive");
        CampaignState? campaign = await work.CampaignForWritingAsync(cancel);
        if (campaign is not { Status: CampaignStatus.Running }) return;
        IReadOnlyList<RoundState> pending = await work.PendingRoundsAsync(cancel);
        IReadOnlyDictionary<Guid, RoundState> predecessors = await work.RoundsAsync(RoundCommands.PredecessorsOf(pending), cancel);
        DateTimeOffset lastProgress = await work.LastProgressAsync(cancel);
        PlannerOutcome outcome = RedriveDecider.Decide(campaign, await work.SequencesAsync(campaign, cancel), pending, predecessors.GetValueOrDefault,
            lastProgress, clock.GetUtcNow(), options.Value.Settings, atStartup);
        if (outcome.AppendsNothing) return;
        await work.CommitAsync(outcome, cancel);
        foreach (CampaignRedriven r in outcome.EventsOf(campaignId).OfType<CampaignRedriven>())
            log.LogWarning("Campaign {CampaignId}: {Reason}; sent {Commands} pending command(s) again (attempt {Attempt})", campaignId, r.Reason, r.Commands, r.Attempt);
        foreach (CampaignFailed f in outcome.Messages.OfType<CampaignFailed>())
            log.LogError("Campaign {CampaignId} failed: {Reason}", campaignId, f.Reason);
        await PlannerMessages.SendAsync(bus, outcome, log, cancel);
    }
}
