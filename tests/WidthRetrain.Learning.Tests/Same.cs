using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests;

internal static class Same
{
    /// <summary>True when both tensors have the same shape and identical elements.</summary>
    public static bool Tensors(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
