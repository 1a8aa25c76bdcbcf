using TorchSharp;

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
        torch.set_num_threads(n);
    }

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
