using WidthRetrain.Learning.Data;

namespace WidthRetrain.Learning.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsWhatWasWritten_GzippedOrNot(bool gzip)
    {
        string dir = data.WriteIdxSet("set", 5, 3, gzip, rows: 4, cols: 3);
        string ext = gzip ? ".gz" : "";

        var (pixels, count, rows, cols) = IdxFile.ReadImages(Path.Combine(dir, "train-images-idx3-ubyte" + ext));
        byte[] labels = IdxFile.ReadLabels(Path.Combine(dir, "train-labels-idx1-ubyte" + ext));

        Assert.Equal((5, 4, 3), (count, rows, cols));
        Assert.Equal(60, pixels.Length);
        Assert.Equal((byte)((2 * 7 + 5) % 256), pixels.Span[2 * 12 + 5]);
        Assert.Equal([0, 1, 2, 3, 4], labels.Select(b => (int)b));
    }

    [Fact]
    public void GzipIsDetectedByContentNotName()
    {
        string path = Path.Combine(data.Root, "labels-without-suffix");
        IdxFile.Write(path, new byte[] { 3, 1, 4 }, [3], gzip: true);
        Assert.Equal(new byte[] { 3, 1, 4 }, IdxFile.ReadLabels(path));
    }

    [Fact]
    public void ConcatenatedGzipMembers_AreReadWhole()
    {
        // The last member's size trailer then is not the file's size: the exact-size read must fall back.
        string path = Path.Combine(data.Root, "two-members-idx1-ubyte.gz");
        string first = Path.Combine(data.Root, "first.gz");
        IdxFile.Write(first, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), [600], gzip: true);
        using (var second = new MemoryStream())
        {
            using (var gz = new System.IO.Compression.GZipStream(second, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(Enumerable.Range(300, 300).Select(i => (byte)i).ToArray());
            File.WriteAllBytes(path, [.. File.ReadAllBytes(first), .. second.ToArray()]);
        }

        byte[] labels = IdxFile.ReadLabels(path);

        Assert.Equal(Enumerable.Range(0, 600).Select(i => (byte)i), labels);
    }

    [Fact]
    public void AFileRewritten_IsReadAgain_NotServedFromTheDecodedFiles()
    {
        string path = Path.Combine(data.Root, "rewritten-idx1-ubyte.gz");
        IdxFile.Write(path, new byte[] { 3, 1, 4 }, [3], gzip: true);
        Assert.Equal(new byte[] { 3, 1, 4 }, IdxFile.ReadLabels(path));

        IdxFile.Write(path, new byte[] { 2, 7, 1 }, [3], gzip: true); // same size: the time written tells it apart
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(new byte[] { 2, 7, 1 }, IdxFile.ReadLabels(path));
    }

    [Fact]
    public void MissingFile_NamesTheFile()
    {
        string path = Path.Combine(data.Root, "nope-idx3-ubyte");
        var e = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void TruncatedImages_AreRefusedWithTheFileAndCounts()
    {
        string dir = data.WriteIdxSet("set", 4, 2, gzip: false, rows: 2, cols: 2);
        string path = Path.Combine(dir, "train-images-idx3-ubyte");
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);

        var e = Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected 16 pixel bytes", e.Message);
    }

    [Fact]
    public void WrongMagicOrDimensions_AreRefused()
    {
        string notIdx = Path.Combine(data.Root, "text");
        File.WriteAllText(notIdx, "hello, this is not an idx file");
        Assert.Contains("not an IDX file", Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(notIdx)).Message);

        string labels = Path.Combine(data.Root, "labels");
        IdxFile.Write(labels, new byte[20], [20], gzip: false);
        Assert.Contains("expected 3 dimension(s), found 1", Assert.Throws<DatasetFormatException>(() => IdxFile.ReadImages(labels)).Message);
    }

    [Fact]
    public void CorruptGzip_IsRefused()
    {
        string path = Path.Combine(data.Root, "bad.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Contains("gzip", Assert.Throws<DatasetFormatException>(() => IdxFile.ReadLabels(path)).Message);
    }
}
