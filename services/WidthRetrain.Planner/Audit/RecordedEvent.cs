namespace WidthRetrain.Planner.Audit;

/// <summary>
/// An event as the store holds it: position, identity, data and the chain hashes from its headers. <see cref="AsWritten"/>
/// is the event as an earlier version of its type wrote it, when the store reads it upcast: the hash covers that.
/// </summary>
public sealed record RecordedEvent(
    Guid StreamId,
    long Version,
    long Sequence,
    Guid Id,
    object Data,
    string? CorrelationId,
    string? CausationId,
    string? Hash,
    string? Previous,
    object? AsWritten = null)
{
    public string TypeName => Data.GetType().Name;

    public string Describe() => $"event {Version} ({TypeName}, sequence {Sequence}) of stream {StreamId}";
}
