namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// What a planner decision does: events to append (in this order, in one transaction) and messages to send once they
/// are committed. Deciders return it; the consumers only load state, save and send.
/// </summary>
public sealed record PlannerOutcome(IReadOnlyList<StreamAppend> Appends, IReadOnlyList<object> Messages)
{
    public static PlannerOutcome None { get; } = new([], []);

    public bool AppendsNothing => Appends.Count == 0;

    /// <summary>Every event appended to <paramref name="streamId"/>, in order.</summary>
    public IEnumerable<object> EventsOf(Guid streamId) => Appends.Where(a => a.StreamId == streamId).SelectMany(a => a.Events);
}
