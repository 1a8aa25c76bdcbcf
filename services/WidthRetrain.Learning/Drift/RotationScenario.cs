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
        double r = degrees * Math.PI / 180;
        // affine_grid maps output to input coordinates (x right, y down): a counter-clockwise turn on screen
        // samples the input at the clockwise-rotated position.
        float c = (float)Math.Cos(r), s = (float)Math.Sin(r);
        Tensor theta = tensor(new[] { c, -s, 0f, s, c, 0f }, [1, 2, 3]);
        var parts = new List<Tensor>();
        const long chunk = 8192; // bounds the sampling grid's memory (chunk x H x W x 2 floats)
        for (long start = 0; start < n; start += chunk)
        {
            long len = Math.Min(chunk, n - start);
            Tensor x = images.narrow(0, start, len).unsqueeze(1);
            Tensor grid = F.affine_grid(theta.expand(len, 2, 3), [len, 1, h, w], align_corners: false);
            parts.Add(F.grid_sample(x, grid, mode: GridSampleMode.Nearest, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false).squeeze(1));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }
}
