namespace WidthRetrain.Planner.Audit;

/// <summary>
/// Checks one stream's hash chain: versions 1..n without gaps, each event's previous hash is the hash of the event
/// before it, and each event's hash is what its content gives. Stops at the first break (everything after it is
/// unverifiable) and reports it.
/// </summary>
public static class ChainVerifier
{
    /// <summary>What the planner reads as the hash of an event that carries none.</summary>
    public const string Missing = "(none)";

    /// <returns>The stream's head hash when the chain holds, else the first finding.</returns>
    public static (string? Head, AuditFinding? Break) Verify(Guid streamId, IReadOnlyList<RecordedEvent> events, long? streamVersion)
    {
        string previous = EventHash.Genesis(streamId);
        for (int i = 0; i < events.Count; i++)
        {
            RecordedEvent e = events[i];
            if (e.Version != i + 1)
                return (null, new AuditFinding(e.Describe(), $"expected version {i + 1}: {(e.Version > i + 1 ? $"{e.Version - i - 1} event(s) before it are missing" : "versions are out of order")}"));
            if (e.Hash is null || e.Previous is null)
                return (null, new AuditFinding(e.Describe(), "carries no hash: it was not appended by the planner"));
            if (e.Previous != previous)
                return (null, new AuditFinding(e.Describe(), $"chains to {Short(e.Previous)} but the event before it hashes to {Short(previous)}: an event was removed, inserted or reordered"));
            string actual = EventHash.Of(streamId, e.Version, e.AsWritten ?? e.Data, e.CorrelationId, e.CausationId, previous);
            if (actual != e.Hash)
                return (null, new AuditFinding(e.Describe(), $"content does not match its hash (recorded {Short(e.Hash)}, content gives {Short(actual)}): it was edited after it was appended"));
            previous = e.Hash;
        }
        if (streamVersion is { } v && v != events.Count)
            return (null, new AuditFinding($"stream {streamId}", $"the store says version {v} but holds {events.Count} event(s): events were {(v > events.Count ? "deleted from its end" : "added behind its back")}"));
        return (events.Count == 0 ? null : previous, null);
    }

    public static string Short(string hash) => hash.Length > 16 ? hash[..16] : hash;
}
