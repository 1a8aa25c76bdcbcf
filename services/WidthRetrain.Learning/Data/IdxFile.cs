using System.Buffers.Binary;
using System.IO.Compression;

namespace WidthRetrain.Learning.Data;

/// <summary>
/// Reader for the IDX format of MNIST-style datasets (big-endian header, unsigned bytes), gzipped or not.
/// Gzip is detected from the file's magic bytes, not its name, so renamed files still load.
/// </summary>
public static class IdxFile
{
    private const int UnsignedByteType = 0x08;

    /// <summary>Decoded files kept, most recent first: one dataset's four.</summary>
    private const int Kept = 4;

    // A campaign loads the same files once per seed (the demo five times over), and decoding Fashion-MNIST's gzipped
    // training images was most of a load (0.5-1 s here). So the last files decoded are kept, by full path, size and
    // time written (55 MB for Fashion-MNIST), and handed out read-only. A file changed in place with the same size and
    // time would be missed, and the task content hashes would then refuse the data.
    private static readonly Lock cacheGate = new();
    private static readonly LinkedList<((string Path, long Length, DateTime Written) Key, byte[] Bytes)> decoded = new();

    /// <summary>Reads an idx3 image file: returns the pixels (count*rows*cols bytes, read-only) and the shape.</summary>
    public static (ReadOnlyMemory<byte> Pixels, int Count, int Rows, int Columns) ReadImages(string path)
    {
        byte[] bytes = ReadAll(path);
        int[] dims = ReadHeader(path, bytes, expectedDims: 3);
        long expected = (long)dims[0] * dims[1] * dims[2];
        int offset = 4 + 4 * 3;
        if (bytes.Length - offset != expected)
            throw new DatasetFormatException(path, $"expected {expected} pixel bytes for {dims[0]}x{dims[1]}x{dims[2]} images, found {bytes.Length - offset}");
        return (bytes.AsMemory(offset), dims[0], dims[1], dims[2]);
    }

    /// <summary>Reads an idx1 label file (a copy).</summary>
    public static byte[] ReadLabels(string path)
    {
        byte[] bytes = ReadAll(path);
        int[] dims = ReadHeader(path, bytes, expectedDims: 1);
        int offset = 4 + 4;
        if (bytes.Length - offset != dims[0])
            throw new DatasetFormatException(path, $"expected {dims[0]} label bytes, found {bytes.Length - offset}");
        return bytes[offset..];
    }

    /// <summary>Writes an uncompressed or gzipped IDX file (used to make test data and exports).</summary>
    public static void Write(string path, ReadOnlySpan<byte> data, int[] dims, bool gzip)
    {
        using FileStream file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> header = stackalloc byte[4];
        header[0] = 0; header[1] = 0; header[2] = UnsignedByteType; header[3] = (byte)dims.Length;
        stream.Write(header);
        foreach (int d in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(header, d);
            stream.Write(header);
        }
        stream.Write(data);
    }

    /// <summary>The file's bytes, gunzipped when gzipped; shared: never write to them.</summary>
    private static byte[] ReadAll(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new DatasetFormatException(path, "file not found");
        var key = (file.FullName, file.Length, file.LastWriteTimeUtc);
        lock (cacheGate)
        {
            for (var node = decoded.First; node is not null; node = node.Next)
            {
                if (node.Value.Key != key) continue;
                decoded.Remove(node);
                decoded.AddFirst(node);
                return node.Value.Bytes;
            }
        }
        byte[] bytes = Decode(path);
        lock (cacheGate)
        {
            decoded.AddFirst((key, bytes));
            while (decoded.Count > Kept) decoded.RemoveLast();
        }
        return bytes;
    }

    private static byte[] Decode(string path)
    {
        byte[] raw = File.ReadAllBytes(path);
        if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
        {
            try
            {
                return Gunzip(raw);
            }
            catch (InvalidDataException e)
            {
                throw new DatasetFormatException(path, $"corrupt gzip data ({e.Message})");
            }
        }
        return raw;
    }

    private static byte[] Gunzip(byte[] raw)
    {
        // A one-member gzip file ends with its size mod 2^32: decompress into one buffer of that size, not into a growing
        // stream copied again at the end (about 1 s for Fashion-MNIST's training images here). Deflate expands at most
        // about 1032:1, so a larger claim is not the size, and anything but exactly that many bytes falls back.
        int size = raw.Length >= 18 ? BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(raw.Length - 4)) : 0;
        if (size > 0 && size / 1032 <= raw.Length)
        {
            using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            byte[] exact = new byte[size];
            if (gz.ReadAtLeast(exact, size, throwOnEndOfStream: false) == size && gz.ReadByte() == -1) return exact;
        }
        using var whole = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        whole.CopyTo(ms);
        return ms.ToArray();
    }

    private static int[] ReadHeader(string path, byte[] bytes, int expectedDims)
    {
        if (bytes.Length < 4 + 4 * expectedDims)
            throw new DatasetFormatException(path, $"too short for an IDX header ({bytes.Length} bytes)");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new DatasetFormatException(path, "not an IDX file (the first two bytes must be zero)");
        if (bytes[2] != UnsignedByteType)
            throw new DatasetFormatException(path, $"unsupported IDX element type 0x{bytes[2]:x2} (only unsigned bytes, 0x08, are supported)");
        if (bytes[3] != expectedDims)
            throw new DatasetFormatException(path, $"expected {expectedDims} dimension(s), found {bytes[3]}");
        var dims = new int[expectedDims];
        for (int i = 0; i < expectedDims; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i, 4));
            if (dims[i] <= 0) throw new DatasetFormatException(path, $"dimension {i} is {dims[i]}, must be positive");
        }
        return dims;
    }
}
