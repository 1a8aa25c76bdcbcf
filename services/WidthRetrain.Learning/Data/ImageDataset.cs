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

    /// <summary>Builds a dataset from raw IDX bytes in one native copy (pixels / 255).</summary>
    public static ImageDataset FromBytes(string name, byte[] pixels, int count, int rows, int columns, byte[] labels, int classes)
    {
        if (labels.Length != count)
            throw new ArgumentException($"{name}: {count} images but {labels.Length} labels", nameof(labels));
        using var scope = NewDisposeScope();
        Tensor images = tensor(pixels, [count, rows, columns]).to_type(ScalarType.Float32).div_(255f);
        Tensor y = tensor(labels, [count]).to_type(ScalarType.Int64);
        return new ImageDataset(name, images.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope(), classes);
    }

    /// <summary>A seeded random subset of at most <paramref name="limit"/> samples (a copy; this dataset is unchanged).</summary>
    public ImageDataset Subsample(int? limit, long seed)
    {
        using var scope = NewDisposeScope();
        if (limit is null || limit.Value >= Count)
            return new ImageDataset(Name, Images.clone().MoveToOuterDisposeScope(), Labels.clone().MoveToOuterDisposeScope(), Classes);
        using var gen = new Generator((ulong)seed);
        Tensor idx = randperm(Count, generator: gen).narrow(0, 0, limit.Value);
        return new ImageDataset(Name, Images.index_select(0, idx).MoveToOuterDisposeScope(),
            Labels.index_select(0, idx).MoveToOuterDisposeScope(), Classes);
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
