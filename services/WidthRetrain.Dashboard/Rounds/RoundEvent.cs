namespace WidthRetrain.Dashboard.Rounds;

/// <summary>One event of a round stream as stored: position, type, time, its chain hashes and its data.</summary>
public sealed record RoundEvent(long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? Hash, string? Previous, object Data);
