namespace WidthRetrain.Cli.Bench;

/// <summary>
/// How much of a span the trainers had no round to take: from the record, a round is ready from its scheduling until
/// a trainer began it (its recorded completion less its training time: later than the truth by the recording's delay,
/// so the share is a lower bound); with N trainers and fewer than N rounds ready, the missing ones had no work, whatever
/// the machine's load. What is left of the span beyond training and this is the trainers' own overhead or slowness.
/// </summary>
public static class TrainerStarvation
{
    /// <param name="marks">+1 when a round was scheduled, -1 when a trainer took it.</param>
    /// <returns>The share (0 to 1) of trainer-time in [<paramref name="from"/>, <paramref name="to"/>] without a ready round.</returns>
    public static double Share(IEnumerable<(DateTimeOffset At, int Delta)> marks, DateTimeOffset from, DateTimeOffset to, int trainers)
    {
        double span = (to - from).TotalSeconds;
        if (span <= 0 || trainers < 1) return 0;
        int ready = 0;
        double idle = 0;
        DateTimeOffset t = from;
        foreach (var (at, delta) in marks.OrderBy(m => m.At).ThenByDescending(m => m.Delta))
        {
            DateTimeOffset clipped = at < from ? from : at > to ? to : at;
            idle += (clipped - t).TotalSeconds * Math.Max(0, trainers - ready);
            t = clipped;
            ready += delta;
        }
        idle += (to - t).TotalSeconds * Math.Max(0, trainers - ready);
        return idle / (trainers * span);
    }
}
