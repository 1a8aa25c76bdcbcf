using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Drift;

public sealed class ScenarioTests : IDisposable
{
    private readonly DatasetPair source = DatasetLoader.Load(new DatasetRequest(DatasetLoader.Synthetic, TrainLimit: 300, TestLimit: 60, Seed: 5));

    public void Dispose() => source.Dispose();

    public static TheoryData<string> Kinds => new(DriftScenarios.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameSeedSameTask_GivesIdenticalContent(string kind)
    {
        DriftScenario s = DriftScenarios.Create(new ScenarioSpec(kind, 5));
        using TaskData a = DriftScenarios.Materialize(s, source, 3, seed: 11);
        using TaskData b = DriftScenarios.Materialize(s, source, 3, seed: 11);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", a.ContentHash);
        Assert.Equal(784, a.InputSize);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Tasks_DifferFromEachOther(string kind)
    {
        DriftScenario s = DriftScenarios.Create(new ScenarioSpec(kind, 5));
        using TaskData first = DriftScenarios.Materialize(s, source, 0, seed: 11);
        using TaskData last = DriftScenarios.Materialize(s, source, 4, seed: 11);
        Assert.NotEqual(first.ContentHash, last.ContentHash);
    }

    [Fact]
    public void Permutation_DependsOnSeed_AndTaskZeroIsTheOriginal()
    {
        DriftScenario s = DriftScenarios.Create(new ScenarioSpec(DriftScenarios.Permutation, 3));
        using TaskData t0 = DriftScenarios.Materialize(s, source, 0, seed: 1);
        using TaskData a = DriftScenarios.Materialize(s, source, 1, seed: 1);
        using TaskData b = DriftScenarios.Materialize(s, source, 1, seed: 2);

        Assert.True(Same.Tensors(t0.TrainX, source.Train.Images.flatten(1)));
        Assert.NotEqual(a.ContentHash, b.ContentHash);
        // A permutation moves pixels but keeps each image's multiset of values.
        Assert.True(Same.Tensors(a.TrainX.sort(1).Values, t0.TrainX.sort(1).Values));
        Assert.False(Same.Tensors(a.TrainX, t0.TrainX));
        Assert.True(Same.Tensors(a.TrainY, t0.TrainY));
    }

    [Fact]
    public void Rotation_DefaultsToThePapersAngles()
    {
        var s = (RotationScenario)DriftScenarios.Create(new ScenarioSpec(DriftScenarios.Rotation, 5));
        Assert.Equal([0, 22.5, 45, 67.5, 90], s.AnglesDegrees);
        Assert.Equal("rotation 67.5°", s.Describe(3));
    }

    [Fact]
    public void Rotation_ByZeroIsIdentity_AndQuarterTurnMovesAPixelCounterClockwise()
    {
        using Tensor image = zeros(1, 28, 28);
        image[0, 2, 20] = tensor(1f); // top row, right of centre
        using Tensor same = RotationScenario.Rotate(image, 0);
        using Tensor turned = RotationScenario.Rotate(image, 90);

        Assert.True(Same.Tensors(same, image));
        Assert.Equal(1f, turned.sum().item<float>());
        // Counter-clockwise on screen: top-right goes to top-left... of the left half: (row, col) -> (27 - col, row).
        Assert.Equal(1f, turned[0, 27 - 20, 2].item<float>());
    }

    [Theory]
    [InlineData(28, 28, 22.5, true)]
    [InlineData(28, 28, 45, true)]
    [InlineData(28, 28, 90, false)]
    [InlineData(28, 28, -33.3, true)]
    [InlineData(20, 31, 181, false)]
    public void Rotation_IsExactlyPerImageNearestNeighbourSampling(int h, int w, double degrees, bool fillsCorners)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(7);
        Tensor images = rand([40, h, w], generator: gen);
        // The definition: every image sampled on the rotated grid (nearest neighbour, fill 0).
        double r = degrees * Math.PI / 180;
        float c = (float)Math.Cos(r), s = (float)Math.Sin(r);
        Tensor theta = tensor(new[] { c, -s, 0f, s, c, 0f }, [1, 2, 3]).expand(40, 2, 3);
        Tensor grid = TorchSharp.torch.nn.functional.affine_grid(theta, [40, 1, h, w], align_corners: false);
        Tensor expected = TorchSharp.torch.nn.functional.grid_sample(images.unsqueeze(1), grid, mode: GridSampleMode.Nearest,
            padding_mode: GridSamplePaddingMode.Zeros, align_corners: false).squeeze(1);

        Tensor turned = RotationScenario.Rotate(images, degrees);

        Assert.Equal(expected.shape, turned.shape);
        Assert.True(expected.contiguous().bytes.SequenceEqual(turned.contiguous().bytes)); // bit for bit: task hashes stay
        Assert.Equal(fillsCorners, turned.eq(0).any().item<bool>()); // rand never gives exactly 0: zeros are the fill
    }

    [Fact]
    public void ClassSplit_HoldsOnlyItsClasses_WithOriginalLabels()
    {
        var s = (ClassSplitScenario)DriftScenarios.Create(new ScenarioSpec(DriftScenarios.ClassSplit, 5));
        using TaskData t2 = DriftScenarios.Materialize(s, source, 2, seed: 0);

        Assert.Equal([4, 5], s.ClassesOf(2));
        long[] labels = t2.TrainY.unique().Item1.data<long>().ToArray();
        Assert.Equal([4L, 5L], labels);
        long expected = source.Train.Labels.eq(4).sum().item<long>() + source.Train.Labels.eq(5).sum().item<long>();
        Assert.Equal(expected, t2.TrainCount);
    }

    [Fact]
    public void GradualShift_MovesFromSourceToTargetDomain()
    {
        var s = (GradualShiftScenario)DriftScenarios.Create(new ScenarioSpec(DriftScenarios.GradualShift, 5, TargetDomain: "invert"));
        using TaskData first = DriftScenarios.Materialize(s, source, 0, seed: 3);
        using TaskData middle = DriftScenarios.Materialize(s, source, 2, seed: 3);
        using TaskData last = DriftScenarios.Materialize(s, source, 4, seed: 3);
        using Tensor original = source.Train.Images.flatten(1);
        using Tensor inverted = 1 - original;

        Assert.True(Same.Tensors(first.TrainX, original));
        Assert.True(Same.Tensors(last.TrainX, inverted));
        double fraction = middle.TrainX.eq(inverted).all(1).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(fraction, 0.4, 0.6); // p = 2/4 of 300 samples
    }

    [Fact]
    public void BadSpecs_NameEveryFieldAndTheAllowedValues()
    {
        var e = Assert.Throws<ArgumentException>(() => DriftScenarios.Create(new ScenarioSpec("spin", 0)));
        Assert.Contains("scenario: unknown value 'spin'; allowed: rotation, permutation, class-split, gradual-shift", e.Message);
        Assert.Contains("tasks: must be at least 1, got 0", e.Message);

        e = Assert.Throws<ArgumentException>(() => DriftScenarios.Create(new ScenarioSpec(DriftScenarios.GradualShift, 3, TargetDomain: "sepia")));
        Assert.Contains("target-domain: unknown value 'sepia'; allowed: invert, rotate-90", e.Message);

        e = Assert.Throws<ArgumentException>(() => DriftScenarios.Create(new ScenarioSpec(DriftScenarios.Rotation, 4, Angles: [0, 10])));
        Assert.Contains("tasks: 4 does not match the 2 angles", e.Message);

        e = Assert.Throws<ArgumentException>(() => DriftScenarios.Create(new ScenarioSpec(DriftScenarios.ClassSplit, 11)));
        Assert.Contains("at most one task per class", e.Message);
    }
}
