using System.Text.Json;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Compute.Storage;

/// <summary>
/// The shared checkpoint store: deterministic paths per round, so a redelivered round finds its own checkpoint,
/// and SHA-256 checked loads. Paths in messages are relative to the store root, so the store can be mounted anywhere;
/// a path that would leave the root (absolute, or with "..") is refused for good, whoever sent it.
/// </summary>
public sealed class CheckpointDirectory(StorageOptions options)
{
    public string Root => options.CheckpointDirectory;

    public static string RelativePath(RoundRef round, string file) =>
        Path.Combine(round.CampaignId.ToString("N"), Safe(round.Arm), $"seed-{round.Seed}", file);

    public string FullPath(string relative) => Confined(Root, relative);

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>; anything that would leave the root is refused.</summary>
    public static string Confined(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Split('/', '\\').Contains(".."))
            throw new PermanentFailureException($"checkpoint path '{relative}': must be relative to the checkpoint store and must not contain '..'");
        string top = Path.GetFullPath(root);
        string full = Path.GetFullPath(Path.Combine(top, relative));
        if (!full.StartsWith(top.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new PermanentFailureException($"checkpoint path '{relative}': leaves the checkpoint store {top}");
        return full;
    }

    public CheckpointRef Save(Mlp model, string relative)
    {
        Checkpoint c = CheckpointStore.Save(model, FullPath(relative));
        return new CheckpointRef(relative, c.Sha256);
    }

    /// <summary>Loads and checks the hash; a mismatch throws <see cref="CheckpointIntegrityException"/> (never retried).</summary>
    public Mlp Load(CheckpointRef reference, MlpSpec spec) => CheckpointStore.Load(new Checkpoint(FullPath(reference.Path), reference.Sha256, spec));

    /// <summary>Stores a small JSON record beside the checkpoints, durably (a temporary file of this writer, flushed, then renamed).</summary>
    public void WriteRecord<T>(string relative, T record) =>
        DurableFile.Write(FullPath(relative), stream => JsonSerializer.Serialize(stream, record));

    public T? ReadRecord<T>(string relative) where T : class
    {
        string path = FullPath(relative);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path)) : null;
    }

    /// <summary>
    /// Refuses to start work whose checkpoint would not fit: the store must keep <see cref="StorageOptions.MinimumFreeBytes"/>
    /// free beyond <paramref name="bytes"/>. A full disk is transient (pruning frees it), so the round is tried again later.
    /// </summary>
    public void EnsureRoomFor(long bytes)
    {
        Directory.CreateDirectory(Root);
        long free = new DriveInfo(Path.GetFullPath(Root)).AvailableFreeSpace;
        long needed = bytes + options.MinimumFreeBytes;
        if (free < needed)
            throw new IOException($"checkpoint store {Root} has {free / 1_048_576} MiB free; this round needs {needed / 1_048_576} MiB (its checkpoints plus Storage:MinimumFreeBytes); free space or run `widthretrain prune`");
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
