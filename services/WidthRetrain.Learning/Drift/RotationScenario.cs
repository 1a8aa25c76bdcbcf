using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// Rotated tasks (the paper's protocol): task t shows every image rotated counter-clockwise by Angles[t] degrees
/// about its centre, nearest-neighbour sampling, fill 0; labels unchanged.
/// </summary>
public sealed record RotationScenario(IReadOnlyList<double> AnglesDegrees) : DriftScenario
{
    public static ScenarioParameter<IReadOnlyList<double>> Angles { get; } = ScenarioParameter.Numbers("angles",
        "one angle per task in degrees, counter-clockwise (sets the number of tasks); default 0, 22.5, 45, ...",
        "finite numbers, comma-separated", "every angle must be a finite number of degrees");

    public static ScenarioDefinition Definition { get; } = new(DriftScenarios.Rotation,
        "task t rotates every image counter-clockwise by angle t (nearest neighbour, fill 0), the paper's protocol",
        ListPosition: 1, [Angles], a => a.IsGiven(Angles) ? new RotationScenario(a.Get(Angles)) : Paper(a.Tasks))
    {
        OnePerTask = Angles,
    };

    /// <summary>The paper's angles for <paramref name="tasks"/> tasks: 0, 22.5, 45, ...</summary>
    public static RotationScenario Paper(int tasks) => new(Enumerable.Range(0, tasks).Select(t => t * 22.5).ToArray());

    public override string Kind => Definition.Kind;
    public override int TaskCount => AnglesDegrees.Count;
    public override string Describe(int taskIndex) => $"rotation {AnglesDegrees[taskIndex]:0.##}°";

    public override (Tensor Images, Tensor Labels) Apply(Tensor images, Tensor labels, int taskIndex, long seed, bool train)
    {
        CheckIndex(taskIndex);
        return (Rotate(images, AnglesDegrees[taskIndex]), labels.clone());
    }

    public static Tensor Rotate(Tensor images, double degrees)
    {
        if (degrees % 360 == 0) return images.clone();
        using var scope = NewDisposeScope();
        long n = images.shape[0], h = images.shape[1], w = images.shape[2];
        Tensor source = SourcePixels(h, w, degrees);
        // Scalars held for the calls: TorchSharp 0.107 passes an implicit Scalar's handle without keeping it alive (see HeldScalarOptimizer).
        using Scalar zero = 0;
        Tensor outside = source.lt(zero);
        Tensor turned = images.reshape(n, h * w).index_select(1, source.clamp_min(zero)).masked_fill_(outside, zero);
        return turned.view(n, h, w).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For each output pixel of an h x w image turned by <paramref name="degrees"/>, the input pixel it copies (row-major),
    /// or -1 where it falls outside the image. Nearest-neighbour sampling moves whole pixels, so one map serves every
    /// image: sampling an image of pixel numbers once gives exactly what sampling each image would, and a gather replaces a
    /// sampling grid per image (materialising 5 rotated tasks of 20,000 + 5,000 Fashion-MNIST images: 4.4-5.7 s before,
    /// 1.4-1.6 s after, with the same content hashes).
    /// </summary>
    public static Tensor SourcePixels(long h, long w, double degrees)
    {
        using var scope = NewDisposeScope();
        double r = degrees * Math.PI / 180;
        // affine_grid maps output to input coordinates (x right, y down): a counter-clockwise turn on screen
        // samples the input at the clockwise-rotated position.
        float c = (float)Math.Cos(r), s = (float)Math.Sin(r);
        Tensor theta = tensor(new[] { c, -s, 0f, s, c, 0f }, [1, 2, 3]);
        // Pixel numbers 1..h*w, exact in float32 for any image this size; 0 is the fill outside.
        using Scalar one = 1, last = h * w + 1; // held, as in Rotate
        Tensor numbers = arange(one, last, dtype: ScalarType.Float32).view(1, 1, h, w);
        Tensor grid = F.affine_grid(theta, [1, 1, h, w], align_corners: false);
        Tensor sampled = F.grid_sample(numbers, grid, mode: GridSampleMode.Nearest, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);
        return sampled.reshape(h * w).to_type(ScalarType.Int64).sub_(one).MoveToOuterDisposeScope();
    }
}
