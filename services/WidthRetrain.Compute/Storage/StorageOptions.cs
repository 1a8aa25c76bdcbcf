namespace WidthRetrain.Compute.Storage;

/// <summary>The "Storage" section: where checkpoints are shared between services, and where IDX datasets are.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A directory every trainer and evaluator can read and write (a shared volume when distributed).</summary>
    public string CheckpointDirectory { get; set; } = DefaultCheckpointDirectory;

    /// <summary>Where checkpoints go unless configured: the folder every embedded run of this machine shares.</summary>
    public static string DefaultCheckpointDirectory => Path.Combine(Path.GetTempPath(), "widthretrain", "checkpoints");

    /// <summary>Folder with IDX files; null = $WIDTHRETRAIN_DATA_DIR, then Debian's /usr/share/datasets.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Free space the checkpoint store keeps beyond a round's own checkpoints; a trainer refuses to start a round below it.</summary>
    public long MinimumFreeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Every broken rule, naming the setting and what is allowed. DataDirectory is not checked here: synthetic data needs
    /// none, and the dataset loader names the missing files when a dataset is read.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(CheckpointDirectory)) yield return $"{Section}:CheckpointDirectory: must name a directory";
        if (MinimumFreeBytes < 0) yield return $"{Section}:MinimumFreeBytes: must be 0 or more, got {MinimumFreeBytes}";
    }
}
