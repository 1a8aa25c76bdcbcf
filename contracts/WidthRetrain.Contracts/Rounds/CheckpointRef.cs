namespace WidthRetrain.Contracts.Rounds;

/// <summary>A checkpoint in the shared store: its path relative to the store root and its SHA-256 (hex), checked on every load.</summary>
public sealed record CheckpointRef(string Path, string Sha256);
