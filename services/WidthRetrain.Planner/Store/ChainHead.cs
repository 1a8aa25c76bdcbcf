namespace WidthRetrain.Planner.Store;

/// <summary>A stream's last version and the hash of its event at that version.</summary>
public sealed record ChainHead(long Version, string Hash);
