using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// Sends a running campaign's pending work again: at the planner's start (whatever was in flight when it stopped),
/// and when nothing of the campaign advanced for the stall time (a message lost between a commit and its publish, or
/// one that went to an error queue during an outage). Consumers are idempotent, so a command sent twice does its
/// work once. After <see cref="RedriveSettings.MaxAttempts"/> re-sends in a row without progress the campaign fails,
/// naming what it waits for, instead of waiting for ever.
/// </summary>
public static class RedriveDecider
{
    /// <param name="sequences">The released task specs (null while not released).</param>
    public static PlannerOutcome Decide(CampaignState campaign, IReadOnlyList<SeedTasks>? sequences, IReadOnlyList<RoundState> pending,
        Func<Guid, RoundState?> lookup, DateTimeOffset lastProgress, DateTimeOffset now, RedriveSettings settings, bool atStartup)
    {
        if (campaign.Status != CampaignStatus.Running) return PlannerOutcome.None;
        IReadOnlyList<object> commands = Commands(campaign, sequences, pending, lookup);
        var outcome = new OutcomeBuilder();
        if (atStartup)
        {
            if (commands.Count == 0) return PlannerOutcome.None;
            return outcome.Append(campaign.Id, new CampaignRedriven(campaign.Id, 0, "the planner started", commands.Count, now)).SendAll(commands).Build();
        }
        DateTimeOffset quietSince = campaign.LastRedrive is { } last && last.At > lastProgress ? last.At : lastProgress;
        if (now - quietSince < settings.StallAfter) return PlannerOutcome.None;
        int attempt = campaign.LastRedrive is { Attempt: > 0 } r && r.At >= lastProgress ? r.Attempt + 1 : 1;
        if (attempt > settings.MaxAttempts)
        {
            RoundState? waiting = pending.OrderBy(p => p.Round.Stage).ThenBy(p => p.Round.TaskIndex).FirstOrDefault();
            string what = waiting?.Pending is { } step
                ? $"{RoundCommands.ServiceOf(step)} to {step.ToString().ToLowerInvariant()} {RoundCommands.Describe(waiting.Round)}"
                  + (waiting.LastFault is { } f ? $"; its last failure: {f.Service}: {f.Reason}" : "")
                : !campaign.HasTasks ? "drift-generator to release the tasks" : "nothing pending";
            var failed = new CampaignFailed(campaign.Id,
                $"no progress for {Minutes(now - lastProgress)} after {settings.MaxAttempts} re-sends of its pending work; waiting for the {what}",
                now, waiting?.Round, waiting?.Pending is { } s ? RoundCommands.ServiceOf(s) : null);
            return outcome.Append(campaign.Id, failed).Send(failed).Build();
        }
        if (commands.Count == 0) return PlannerOutcome.None;
        return outcome.Append(campaign.Id, new CampaignRedriven(campaign.Id, attempt, $"no progress for {Minutes(now - quietSince)}", commands.Count, now))
            .SendAll(commands).Build();
    }

    /// <summary>The pending work of a campaign: its tasks while not released, else each pending round's next step.</summary>
    public static IReadOnlyList<object> Commands(CampaignState campaign, IReadOnlyList<SeedTasks>? sequences, IReadOnlyList<RoundState> pending,
        Func<Guid, RoundState?> lookup) =>
        !campaign.HasTasks || sequences is null
            ? [new GenerateTasks(campaign.Id, campaign.Spec.Dataset, campaign.Spec.Drift, campaign.Spec.Seeds)]
            : RoundCommands.Pending(campaign, sequences, pending, lookup);

    private static string Minutes(TimeSpan t) => t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0.#} min" : $"{t.TotalSeconds:0} s";
}
