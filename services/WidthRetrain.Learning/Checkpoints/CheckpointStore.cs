using System.Security.Cryptography;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning.Checkpoints;

/// <summary>Saves and loads model weights (TorchSharp's format) with a SHA-256 that is checked on every load.</summary>
public static class CheckpointStore
{
    public static Checkpoint Save(Mlp model, string path)
    {
        // A temporary file per writer, flushed, then renamed: a crash never leaves a half-written file under the final name.
        DurableFile.Replace(path, temp => model.save(temp));
        return new Checkpoint(path, Sha256Of(path), model.Spec);
    }

    /// <summary>Rebuilds the model and loads its weights, refusing a file whose hash differs from the record.</summary>
    public static Mlp Load(Checkpoint checkpoint)
    {
        if (!File.Exists(checkpoint.Path)) throw new FileNotFoundException($"checkpoint {checkpoint.Path} not found", checkpoint.Path);
        string actual = Sha256Of(checkpoint.Path);
        if (!string.Equals(actual, checkpoint.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointIntegrityException(checkpoint.Path, checkpoint.Sha256, actual);
        var model = new Mlp(checkpoint.Spec);
        try
        {
            model.load(checkpoint.Path);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public static string Sha256Of(string path)
    {
        using FileStream f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
