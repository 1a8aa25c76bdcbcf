using TorchSharp;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Data;

/// <summary>
/// One split of an image-classification dataset held as two native tensors: images float32 [N, H, W]
/// scaled to [0, 1] and labels int64 [N]. Owns its tensors.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    public ImageDataset(string name, Tensor images, Tensor labels, int classes)
    {
        if (images.dim() != 3) throw new ArgumentException($"images must be [N, H, W], got [{string.Join(", ", images.shape)}]", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must be [N] with N = {images.shape[0]}, got [{string.Join(", ", labels.shape)}]", nameof(labels));
        Name = name;
        Images = images;
        Labels = labels;
        Classes = classes;
    }

    public string Name { get; }
    public Tensor Images { get; }
    public Tensor Labels { get; }
    public int Classes { get; }
    public int Count => (int)Images.shape[0];
    public int Height => (int)Images.shape[1];
    public int Width => (int)Images.shape[2];

    /// <summary>
    /// Builds a dataset from raw IDX bytes (pixels / 255), keeping at most <paramref name="limit"/> samples: the first of a
    /// permutation seeded by <paramref name="seed"/>. The subset is taken from the bytes, so only the kept images are
    /// copied and converted to floats (the same values as converting all, then selecting: the conversion is per pixel).
    /// </summary>
    public static ImageDataset FromBytes(string name, ReadOnlySpan<byte> pixels, int count, int rows, int columns, ReadOnlySpan<byte> labels,
        int classes, int? limit = null, long seed = 0)
    {
        if (labels.Length != count)
            throw new ArgumentException($"{name}: {count} images but {labels.Length} labels", nameof(labels));
        int size = rows * columns;
        if (pixels.Length != (long)count * size)
            throw new ArgumentException($"{name}: {count} images of {rows}x{columns} need {(long)count * size} pixel bytes, got {pixels.Length}", nameof(pixels));
        long[]? keep = null;
        if (SubsetIndex(count, limit, seed) is { } idx)
            using (idx)
                keep = idx.data<long>().ToArray();
        int n = keep?.Length ?? count;
        var x = new byte[(long)n * size];
        var y = new byte[n];
        for (int i = 0; i < n; i++)
        {
            int from = keep is null ? i : (int)keep[i];
            pixels.Slice(from * size, size).CopyTo(x.AsSpan(i * size, size));
            y[i] = labels[from];
        }
        using var scope = NewDisposeScope();
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar full = 255f;
        Tensor images = tensor(x, [n, rows, columns]).to_type(ScalarType.Float32).div_(full);
        Tensor targets = tensor(y, [n]).to_type(ScalarType.Int64);
        return new ImageDataset(name, images.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope(), classes);
    }

    /// <summary>The first <paramref name="limit"/> of a seeded permutation, or null to keep everything.</summary>
    private static Tensor? SubsetIndex(int count, int? limit, long seed)
    {
        if (limit is null || limit.Value >= count) return null;
        using var gen = new Generator((ulong)seed);
        return randperm(count, generator: gen).narrow(0, 0, limit.Value);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
