using TorchSharp;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Data;

/// <summary>
/// A deterministic, learnable 28x28, 10-class image set for tests and for machines without data: each class
/// is a fixed pattern of a few Gaussian blobs at seeded positions; samples are the class pattern with seeded
/// intensity and pixel noise (each split also shifted by up to a pixel, so test is not train). Spatial structure matters, so rotation and permutation drift
/// cause real forgetting, as on the real datasets.
/// </summary>
public static class SyntheticImages
{
    public const int DefaultTrainCount = 6000;
    public const int DefaultTestCount = 1000;
    public const int Size = 28;
    public const int Classes = 10;

    public static (ImageDataset Train, ImageDataset Test) Generate(long seed, int trainCount, int testCount)
    {
        using var gen = new Generator((ulong)seed);
        using Tensor prototypes = Prototypes(gen);
        ImageDataset train = Samples(prototypes, trainCount, gen, "synthetic");
        ImageDataset test = Samples(prototypes, testCount, gen, "synthetic");
        return (train, test);
    }

    private static Tensor Prototypes(Generator gen)
    {
        using var scope = NewDisposeScope();
        const int blobs = 4;
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar size = Size, sixteen = 16, six = 6, two = 2, oneAndAHalf = 1.5f, zero = 0, one = 1;
        Tensor coords = arange(size, dtype: ScalarType.Float32);
        Tensor yy = coords.view(1, 1, Size, 1);
        Tensor xx = coords.view(1, 1, 1, Size);
        // Centres kept away from the border so that rotation keeps them in the frame.
        Tensor centres = rand([Classes, blobs, 2], generator: gen) * sixteen + six;
        Tensor cy = centres[.., .., 0].view(Classes, blobs, 1, 1);
        Tensor cx = centres[.., .., 1].view(Classes, blobs, 1, 1);
        Tensor sigma = (rand([Classes, blobs, 1, 1], generator: gen) * two + oneAndAHalf);
        Tensor blob = exp(-((yy - cy).pow(two) + (xx - cx).pow(two)) / (two * sigma.pow(two)));
        return blob.sum(1).clamp(zero, one).MoveToOuterDisposeScope(); // [Classes, 28, 28]
    }

    private static ImageDataset Samples(Tensor prototypes, int count, Generator gen, string name)
    {
        using var scope = NewDisposeScope();
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar quarter = 0.25f, half = 0.5f, threeQuarters = 0.75f, zero = 0, one = 1;
        Tensor labels = randint(0, Classes, [count], generator: gen, dtype: ScalarType.Int64);
        Tensor images = prototypes.index_select(0, labels);
        // One small shift per split keeps the test split from being a copy of the train distribution.
        Tensor shifts = randint(-1, 2, [2], generator: gen);
        images = images.roll([shifts[0].item<long>(), shifts[1].item<long>()], [1, 2]);
        Tensor noise = randn([count, Size, Size], generator: gen) * quarter;
        Tensor intensity = rand([count, 1, 1], generator: gen) * half + threeQuarters;
        images = (images * intensity + noise).clamp(zero, one);
        return new ImageDataset(name, images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), Classes);
    }
}
