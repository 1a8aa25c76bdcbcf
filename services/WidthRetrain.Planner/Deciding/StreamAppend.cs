namespace WidthRetrain.Planner.Deciding;

/// <summary>Events to append to one stream (<see cref="StartsStream"/>: the stream is new and these are its first events).</summary>
public sealed record StreamAppend(Guid StreamId, bool StartsStream, IReadOnlyList<object> Events);
