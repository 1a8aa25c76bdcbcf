using WidthRetrain.Learning.Data;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void ExplicitDirectory_LoadsBothSplitsScaledToUnitRange()
    {
        string dir = data.WriteIdxSet("fashion-mnist", 30, 12, gzip: true);

        using DatasetPair pair = DatasetLoader.Load(new DatasetRequest(DatasetLoader.FashionMnist, data.Root));

        Assert.Equal(30, pair.Train.Count);
        Assert.Equal(12, pair.Test.Count);
        Assert.Equal((28, 28, 10), (pair.Train.Height, pair.Train.Width, pair.Train.Classes));
        Assert.Equal(255f / 255f, pair.Train.Images.max().item<float>(), 6);
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public void Limits_KeepWhatSubsamplingTheWholeSplitKeeps()
    {
        // The loader subsets the raw bytes before converting; the result must be the whole split converted, then the
        // first 17 of the permutation seeded by 9 selected.
        data.WriteIdxSet("idx", 50, 20, gzip: true);
        string dir = Path.Combine(data.Root, "idx");
        var (pixels, count, rows, cols) = IdxFile.ReadImages(Path.Combine(dir, "train-images-idx3-ubyte.gz"));
        byte[] labels = IdxFile.ReadLabels(Path.Combine(dir, "train-labels-idx1-ubyte.gz"));
        using ImageDataset whole = ImageDataset.FromBytes("idx", pixels.Span, count, rows, cols, labels, 10);
        using var gen = new Generator(9);
        using Tensor keep = randperm(count, generator: gen).narrow(0, 0, 17);
        using Tensor expectedImages = whole.Images.index_select(0, keep), expectedLabels = whole.Labels.index_select(0, keep);

        using DatasetPair loaded = DatasetLoader.Load(new DatasetRequest(DatasetLoader.CustomIdx, dir, TrainLimit: 17, Seed: 9));

        Assert.True(Same.Tensors(expectedImages, loaded.Train.Images));
        Assert.True(Same.Tensors(expectedLabels, loaded.Train.Labels));
        Assert.Equal(20, loaded.Test.Count);
    }

    [Fact]
    public void Limits_TakeSeededSubsets()
    {
        data.WriteIdxSet("idx", 50, 20, gzip: false);
        var request = new DatasetRequest(DatasetLoader.CustomIdx, Path.Combine(data.Root, "idx"), TrainLimit: 10, TestLimit: 5, Seed: 3);

        using DatasetPair a = DatasetLoader.Load(request);
        using DatasetPair b = DatasetLoader.Load(request);
        using DatasetPair c = DatasetLoader.Load(request with { Seed = 4 });

        Assert.Equal(10, a.Train.Count);
        Assert.Equal(5, a.Test.Count);
        Assert.True(Same.Tensors(a.Train.Images, b.Train.Images));
        Assert.False(Same.Tensors(a.Train.Images, c.Train.Images));
    }

    [Fact]
    public void MissingDataset_SaysWhereItLookedAndHowToFix()
    {
        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(new DatasetRequest(DatasetLoader.Mnist, data.Root)));
        Assert.Contains(data.Root, e.Message);
        Assert.Contains("--data-dir", e.Message);
    }

    [Fact]
    public void UnknownName_ListsTheAllowedNames()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetLoader.Load(new DatasetRequest("cifar")));
        Assert.Contains("dataset", e.Message);
        Assert.Contains("fashion-mnist, mnist, kmnist, idx, synthetic", e.Message);
    }

    [Fact]
    public void Synthetic_IsDeterministicAndBalancedEnough()
    {
        using DatasetPair a = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 500, TestLimit: 100, Seed: 9));
        using DatasetPair b = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 500, TestLimit: 100, Seed: 9));

        Assert.True(Same.Tensors(a.Train.Images, b.Train.Images));
        Assert.Equal(500, a.Train.Count);
        Assert.Equal(10, a.Train.Labels.unique().Item1.shape[0]);
        Assert.InRange(a.Train.Images.min().item<float>(), 0f, 0f);
        Assert.InRange(a.Train.Images.max().item<float>(), 0.5f, 1f);
    }

    /// <summary>The real Fashion-MNIST from Debian's dataset-fashion-mnist, which .ci/run and the README's set-up install.</summary>
    [Fact]
    public void DebianFashionMnist_Loads()
    {
        using DatasetPair pair = DatasetLoader.Load(new DatasetRequest(DatasetLoader.FashionMnist, TrainLimit: 1000, TestLimit: 200));
        Assert.Equal(1000, pair.Train.Count);
        Assert.Equal(200, pair.Test.Count);
        Assert.Equal(10, pair.Train.Classes);
        Assert.Equal((28, 28), (pair.Train.Height, pair.Train.Width));
    }
}
