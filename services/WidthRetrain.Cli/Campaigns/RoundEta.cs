namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// The time left, from the steady rate of recent rounds rather than the average since the start: the first rounds
/// pay the start-up (services, data loading, the first checkpoints), so a campaign's first ETA from them says
/// "28 minutes" for a 4-minute campaign. Work, not rounds: a w1024 round costs many w32 rounds, so the rate is
/// work per second over the recent rounds and the rounds left are weighed by their own work.
/// </summary>
public static class RoundEta
{
    /// <summary>Completions that are not part of the rate: they include the start-up.</summary>
    public const int WarmUp = 2;

    /// <summary>Intervals between completions needed after the warm-up before there is a rate to trust.</summary>
    public const int SteadyIntervals = 2;

    /// <summary>The most recent completions the rate is taken over (a stage of wider models changes it).</summary>
    public const int Window = 24;

    /// <param name="completed">The rounds completed in this session, in any order.</param>
    /// <param name="remainingWork">The expected work of the rounds left.</param>
    /// <returns>Null while there is no steady rate yet ("ETA ?").</returns>
    public static TimeSpan? Estimate(IReadOnlyList<CompletedRound> completed, double remainingWork)
    {
        if (remainingWork <= 0) return TimeSpan.Zero;
        CompletedRound[] steady = [.. completed.OrderBy(r => r.At).Skip(WarmUp).TakeLast(Window + 1)];
        if (steady.Length < SteadyIntervals + 1) return null;
        double seconds = (steady[^1].At - steady[0].At).TotalSeconds;
        // The first steady round's work was done before the window opened: the rate counts what finished within it.
        double work = steady.Skip(1).Sum(r => r.Work);
        if (seconds <= 0 || work <= 0) return null;
        return TimeSpan.FromSeconds(remainingWork / (work / seconds));
    }

    /// <summary>"?" without a rate, else "mm:ss" (or "h:mm:ss").</summary>
    public static string Text(TimeSpan? eta) => eta is not { } t ? "?" : t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t:mm\\:ss}" : t.ToString("mm\\:ss");
}
