namespace WidthRetrain.Planner.Deciding;

/// <summary>Collects a decision's appends and messages in order.</summary>
public sealed class OutcomeBuilder
{
    private readonly List<StreamAppend> appends = [];
    private readonly List<object> messages = [];

    public OutcomeBuilder Append(Guid streamId, params object[] events)
    {
        appends.Add(new StreamAppend(streamId, false, events));
        return this;
    }

    public OutcomeBuilder Start(Guid streamId, params object[] events)
    {
        appends.Add(new StreamAppend(streamId, true, events));
        return this;
    }

    public OutcomeBuilder Send(object message)
    {
        messages.Add(message);
        return this;
    }

    public OutcomeBuilder SendAll(IEnumerable<object> many)
    {
        messages.AddRange(many);
        return this;
    }

    public PlannerOutcome Build() => new([.. appends], [.. messages]);
}
