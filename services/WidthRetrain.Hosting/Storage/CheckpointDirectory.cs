using System.Text.Json;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Hosting.Storage;

/// <summary>
/// The shared checkpoint store: deterministic paths per round, so a redelivered round finds its own checkpoint,
/// and SHA-256 checked loads. Paths in messages are relative to the store root, so the store can be mounted anywhere.
/// </summary>
public sealed class CheckpointDirectory(StorageOptions options)
{
    public string Root => options.CheckpointDirectory;

    public static string RelativePath(RoundRef round, string file) =>
        Path.Combine(round.CampaignId.ToString("N"), Safe(round.Arm), $"seed-{round.Seed}", file);

    public string FullPath(string relative) => Path.Combine(Root, relative);

    public CheckpointRef Save(Mlp model, string relative)
    {
        Checkpoint c = CheckpointStore.Save(model, FullPath(relative));
        return new CheckpointRef(relative, c.Sha256);
    }

    /// <summary>Loads and checks the hash; a mismatch throws <see cref="CheckpointIntegrityException"/> (never retried).</summary>
    public Mlp Load(CheckpointRef reference, MlpSpec spec) => CheckpointStore.Load(new Checkpoint(FullPath(reference.Path), reference.Sha256, spec));

    /// <summary>Stores a small JSON record beside the checkpoints (written to a temporary name, then renamed).</summary>
    public void WriteRecord<T>(string relative, T record)
    {
        string path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(record));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public T? ReadRecord<T>(string relative) where T : class
    {
        string path = FullPath(relative);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path)) : null;
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
