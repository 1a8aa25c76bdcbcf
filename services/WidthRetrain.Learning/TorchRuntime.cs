using TorchSharp;
using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning;

/// <summary>Process-wide libtorch settings. The thread count is part of determinism: keep it fixed for bit-exact reruns.</summary>
public static class TorchRuntime
{
    public static int Threads => torch.get_num_threads();

    /// <summary>Sets the intra-op thread count (default: all cores).</summary>
    public static void Configure(int? threads)
    {
        int n = threads ?? Environment.ProcessorCount;
        if (n < 1) throw new ArgumentException($"threads: must be at least 1, got {n}", nameof(threads));
        if (torch.get_num_threads() != n) torch.set_num_threads(n);
    }

    /// <summary>Parameters up to which a model computes on one thread when no thread count is configured.</summary>
    public const long OneThreadUpTo = 150_000;

    /// <summary>
    /// The intra-op threads a model of <paramref name="spec"/> computes with: <paramref name="configured"/> when given,
    /// else one for small models and all cores for wider ones. A small model's operations are too small to split:
    /// threads only add synchronisation, and a second thread that anything else preempts (the suite's bus and store)
    /// stalls every operation (`bench training`, groups of 5 at batch 32: one thread 1.2x faster at width 32 and on par
    /// at 128, two threads 1.5x faster at 256; in the demo campaign, width-32 groups trained 2.7x faster on one thread).
    /// A function of the model alone, so every process, the sweep and the suite compute a model alike.
    /// </summary>
    public static int ThreadsFor(MlpSpec spec, int? configured) =>
        configured ?? (ModelCost.Parameters(spec) <= OneThreadUpTo ? 1 : Environment.ProcessorCount);

    public static IReadOnlyList<string> DeviceChoices { get; } = ["auto", "cpu", "cuda"];

    /// <summary>
    /// auto: CUDA when libtorch reports it, else the CPU; cpu; cuda (an error when libtorch has no CUDA, as with the
    /// CPU-only libtorch package this project ships).
    /// </summary>
    public static torch.Device ResolveDevice(string choice) => choice.Trim().ToLowerInvariant() switch
    {
        "auto" => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
        "cpu" => torch.CPU,
        "cuda" => torch.cuda.is_available() ? torch.CUDA
            : throw new ArgumentException("device: cuda requested but libtorch reports no CUDA device (this build ships libtorch-cpu); use auto or cpu"),
        _ => throw new ArgumentException($"device: unknown value '{choice}'; allowed: {string.Join(", ", DeviceChoices)}"),
    };

    /// <summary>Live native tensors; constant across training steps when nothing leaks.</summary>
    public static long LiveTensors => torch.Tensor.TotalCount;
}
