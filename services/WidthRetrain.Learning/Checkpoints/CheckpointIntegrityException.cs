namespace WidthRetrain.Learning.Checkpoints;

/// <summary>A checkpoint file does not match its recorded SHA-256: it was changed, truncated or replaced.</summary>
public sealed class CheckpointIntegrityException(string path, string expected, string actual)
    : Exception($"checkpoint {path}: SHA-256 is {actual}, expected {expected}; the file was changed and is refused")
{
    public string FilePath { get; } = path;
}
