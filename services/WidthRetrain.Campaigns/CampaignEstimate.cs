using System.Globalization;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Campaigns;

/// <summary>
/// What a campaign will take, from its spec alone: rounds, the largest model (parameters and the memory one trainer
/// needs to train it), the bytes of all checkpoints, the training and evaluation FLOPs, and the time they take at a
/// given rate. A staged investment is estimated up to its cap with every lever piloted (an upper bound).
/// </summary>
public sealed record CampaignEstimate(int Rounds, int LargestWidth, long LargestModelParameters, long TrainingMemoryBytes, long CheckpointBytes,
    double Flops, double GflopsPerSecond, bool UpperBound)
{
    /// <summary>A staged investment's first stage (start width and first candidate), which always runs; null for fixed widths.</summary>
    public (int Rounds, double Flops)? FirstStage { get; init; }

    /// <summary>Inputs and classes of the built-in datasets (28x28 images, 10 classes).</summary>
    private const int Inputs = 784, Classes = 10;

    public TimeSpan ExpectedTime => TimeSpan.FromSeconds(Flops / (GflopsPerSecond * 1e9));

    /// <summary>The spec must be valid in its other fields (known dataset, optimizer and activation; positive counts).</summary>
    public static CampaignEstimate Of(CampaignSpec spec, double gflopsPerSecond)
    {
        IReadOnlyList<int> widths = Widths(spec);
        int arms = widths.Count + (spec.Policy?.Levers?.Count ?? 0);
        int tasks = spec.Drift.Tasks, seeds = spec.Seeds.Count;
        int train = spec.Dataset.TrainLimit ?? TrainCount(spec.Dataset.Name);
        bool replay = spec.Training.ReplayPerTask > 0 || (spec.Policy?.Levers?.Any(l => l.Kind == LeverOption.Replay) ?? false);
        OptimizerKind optimizer = CampaignSpecValidator.TryEnum(spec.Training.Optimizer, out OptimizerKind o) ? o : OptimizerKind.Sgd;
        double flops = 0;
        long checkpoints = 0;
        // Levers are piloted at an incumbent's width: at most the widest.
        foreach (int w in widths.Concat(Enumerable.Repeat(widths.Count == 0 ? 1 : widths.Max(), arms - widths.Count)))
        {
            var model = new MlpSpec(Inputs, w, spec.Depth, Classes);
            flops += RoundFlops(spec, w, replay) * tasks * seeds;
            checkpoints += ModelCost.Parameters(model) * sizeof(float) * (tasks + 1L) * seeds;
        }
        int largest = widths.Count == 0 ? 1 : widths.Max();
        var big = new MlpSpec(Inputs, largest, spec.Depth, Classes);
        long parameters = ModelCost.Parameters(big);
        int states = optimizer switch { OptimizerKind.Sgd => 0, OptimizerKind.Momentum => 1, _ => 2 };
        // Weights, gradients and optimiser state in float32, a parent copy while loading, and a batch's activations and their gradients.
        long memory = parameters * sizeof(float) * (3L + states) + 2L * sizeof(float) * Math.Min(spec.Training.BatchSize, train) * ((long)largest * spec.Depth + Classes);
        (int, double)? first = spec.Policy is null || widths.Count < 2
            ? null
            : (2 * tasks * seeds, (RoundFlops(spec, widths[0], spec.Training.ReplayPerTask > 0) + RoundFlops(spec, widths[1], spec.Training.ReplayPerTask > 0)) * tasks * seeds);
        return new CampaignEstimate(arms * tasks * seeds, largest, parameters, memory, checkpoints, flops, gflopsPerSecond, spec.Policy is not null) { FirstStage = first };
    }

    /// <summary>
    /// The FLOPs of one round (train one task, evaluate on all) at this width: what makes a w1024 round cost more than
    /// a w32 one, e.g. to weigh the rounds left when estimating the time they take.
    /// </summary>
    public static double RoundFlops(CampaignSpec spec, int width) =>
        RoundFlops(spec, width, spec.Training.ReplayPerTask > 0 || (spec.Policy?.Levers?.Any(l => l.Kind == LeverOption.Replay) ?? false));

    private static double RoundFlops(CampaignSpec spec, int width, bool replay)
    {
        int tasks = spec.Drift.Tasks;
        int train = spec.Dataset.TrainLimit ?? TrainCount(spec.Dataset.Name), test = spec.Dataset.TestLimit ?? TestCount(spec.Dataset.Name);
        OptimizerKind optimizer = CampaignSpecValidator.TryEnum(spec.Training.Optimizer, out OptimizerKind o) ? o : OptimizerKind.Sgd;
        var model = new MlpSpec(Inputs, width, spec.Depth, Classes);
        long samples = (long)train * spec.Training.EpochsPerTask * (replay ? 2 : 1);
        long steps = (samples + spec.Training.BatchSize - 1) / spec.Training.BatchSize;
        return samples * (double)ModelCost.TrainFlopsPerSample(model) + steps * (double)ModelCost.OptimizerFlopsPerStep(model, optimizer)
               + 2.0 * tasks * test * ModelCost.ForwardFlopsPerSample(model);
    }

    /// <summary>The widths a campaign may train: its list, or the policy's chain from the start width up to the cap.</summary>
    public static IReadOnlyList<int> Widths(CampaignSpec spec)
    {
        if (spec.Policy is not { } p) return spec.Widths ?? [];
        var widths = new List<int> { p.StartWidth };
        while (widths.Count < 64)
        {
            int next = PolicyRegistry.Standard.ForRecorded(p).NextWidth(p, widths[^1]);
            if (next > p.CapWidth || next <= widths[^1]) break;
            widths.Add(next);
        }
        return widths;
    }

    private static int TrainCount(string? dataset) => dataset == DatasetLoader.Synthetic ? SyntheticImages.DefaultTrainCount : 60_000;

    private static int TestCount(string? dataset) => dataset == DatasetLoader.Synthetic ? SyntheticImages.DefaultTestCount : 10_000;

    /// <summary>One line for the console, e.g. "90 rounds; largest model w1024: 0.8 M parameters, 13 MB to train; checkpoints 0.4 GB; 8.7 TFLOP, about 4 min at 40 GFLOP/s".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(FirstStage is { } f ? $"stage 1: {f.Rounds} rounds, {Amount(f.Flops)}, about {Duration(TimeSpan.FromSeconds(f.Flops / (GflopsPerSecond * 1e9)))}; if every stage widened to the cap and piloted every lever: " : "")}{(UpperBound ? "up to " : "")}{Rounds} rounds; largest model w{LargestWidth}: {Count(LargestModelParameters)} parameters, {Bytes(TrainingMemoryBytes)} to train; checkpoints {Bytes(CheckpointBytes)}; {Amount(Flops)}, about {Duration(ExpectedTime)} at {GflopsPerSecond:0.#} GFLOP/s");

    private static string Amount(double flops) => string.Create(CultureInfo.InvariantCulture, $"{(flops >= 1e12 ? $"{flops / 1e12:0.##} TFLOP" : $"{flops / 1e9:0.#} GFLOP")}");

    public static string Bytes(double b) => b switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{b / (1L << 40):0.#} TiB"),
        >= 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{b / (1 << 30):0.#} GiB"),
        >= 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{b / (1 << 20):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{b / 1024:0.#} KiB"),
    };

    private static string Count(long n) => n >= 1_000_000_000 ? $"{n / 1e9:0.#} billion" : n >= 1_000_000 ? $"{n / 1e6:0.#} M" : $"{n / 1e3:0.#} k";

    private static string Duration(TimeSpan t) => t.TotalHours >= 1 ? $"{t.TotalHours:0.#} h" : t.TotalMinutes >= 1 ? $"{t.TotalMinutes:0} min" : $"{t.TotalSeconds:0} s";
}
