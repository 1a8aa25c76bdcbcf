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

    /// <summary>Live native tensors; constant across training steps when nothing leaks.</summary>
    public static long LiveTensors => torch.Tensor.TotalCount;
}
