using WidthRetrain.Learning.Data;

namespace WidthRetrain.Learning.Tests;

/// <summary>Generated IDX datasets in a temporary folder, deleted on dispose.</summary>
public sealed class TestData : IDisposable
{
    public TestData() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "widthretrain-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a 4-file IDX set: image i has pixel value (i*7 + p) % 256 at position p, label i % classes.</summary>
    public string WriteIdxSet(string folder, int trainCount, int testCount, bool gzip, int rows = 28, int cols = 28, int classes = 10)
    {
        string dir = Path.Combine(Root, folder);
        Directory.CreateDirectory(dir);
        string ext = gzip ? ".gz" : "";
        foreach (var (split, n) in new[] { ("train", trainCount), ("t10k", testCount) })
        {
            var pixels = new byte[n * rows * cols];
            for (int i = 0; i < n; i++)
                for (int p = 0; p < rows * cols; p++)
                    pixels[i * rows * cols + p] = (byte)((i * 7 + p) % 256);
            var labels = Enumerable.Range(0, n).Select(i => (byte)(i % classes)).ToArray();
            IdxFile.Write(Path.Combine(dir, $"{split}-images-idx3-ubyte{ext}"), pixels, [n, rows, cols], gzip);
            IdxFile.Write(Path.Combine(dir, $"{split}-labels-idx1-ubyte{ext}"), labels, [n], gzip);
        }
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
