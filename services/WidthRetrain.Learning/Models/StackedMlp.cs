using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace WidthRetrain.Learning.Models;

/// <summary>
/// Several models of one <see cref="MlpSpec"/> held as one: each layer's weights stacked, transposed, into [G, in, out] and its
/// biases into [G, 1, out], so a step runs one batched matrix product per layer for all G models instead of G small
/// ones. Model g's slice computes exactly what <see cref="Mlp"/> g computes, in libtorch's batched kernels.
/// </summary>
public sealed class StackedMlp : IDisposable
{
    private readonly Parameter[] weights;
    private readonly Parameter[] biases;

    /// <summary>Stacks copies of <paramref name="models"/>' parameters (the models are left untouched).</summary>
    public StackedMlp(IReadOnlyList<Mlp> models, Device device)
    {
        if (models.Count == 0) throw new ArgumentException("models: at least one model is needed", nameof(models));
        Spec = models[0].Spec;
        if (models.Any(m => m.Spec != Spec))
            throw new ArgumentException($"models: every stacked model must share one spec; got {string.Join(", ", models.Select(m => m.Spec).Distinct())}", nameof(models));
        Count = models.Count;
        int layers = Spec.LayerShapes().Count;
        weights = new Parameter[layers];
        biases = new Parameter[layers];
        using var noGrad = no_grad();
        for (int l = 0; l < layers; l++)
        {
            int layer = l;
            // Transposed once here, so that neither the product nor its gradient works on a strided view.
            weights[l] = Stack(models.Select(m => m.Linears[layer].weight!.t()), device);
            biases[l] = Stack(models.Select(m => m.Linears[layer].bias!.unsqueeze(0)), device);
        }
    }

    private static Parameter Stack(IEnumerable<Tensor> parts, Device device)
    {
        Tensor data;
        using (NewDisposeScope())
            data = stack(parts.ToArray(), 0).to(device).contiguous().detach().MoveToOuterDisposeScope();
        // Parameter takes over the tensor's native handle.
        return new Parameter(data, requires_grad: true);
    }

    public MlpSpec Spec { get; }

    /// <summary>G, the number of stacked models.</summary>
    public int Count { get; }

    /// <summary>Weights then biases of every layer: what an optimiser updates.</summary>
    public IEnumerable<Parameter> Parameters() => weights.Concat(biases);

    /// <summary>Outputs [G, B, classes] for inputs [G, B, inputs]: model g sees only row g.</summary>
    public Tensor Forward(Tensor x)
    {
        Tensor h = x;
        for (int l = 0; l < weights.Length; l++)
        {
            // bias + h @ W^T in one kernel. TorchSharp 0.107 hands baddbmm's operands to libtorch in another order than
            // PyTorch documents: this is batch1, the first argument batch2, the second the added input (checked against a
            // plain Linear by a test).
            h = h.baddbmm(weights[l], biases[l]);
            if (l < weights.Length - 1) h = Activate(h);
        }
        return h;
    }

    private Tensor Activate(Tensor h) => Spec.Activation switch
    {
        Activation.Relu => F.relu(h),
        Activation.Tanh => F.tanh(h),
        Activation.Gelu => F.gelu(h),
        _ => throw new ArgumentOutOfRangeException(nameof(Spec), Spec.Activation, "unknown activation"),
    };

    /// <summary>Writes model g's slice back into <paramref name="models"/>[g] (same order as construction).</summary>
    public void CopyTo(IReadOnlyList<Mlp> models)
    {
        if (models.Count != Count) throw new ArgumentException($"models: expected {Count}, got {models.Count}", nameof(models));
        using var noGrad = no_grad();
        for (int g = 0; g < Count; g++)
            for (int l = 0; l < weights.Length; l++)
            {
                using var scope = NewDisposeScope();
                models[g].Linears[l].weight!.copy_(weights[l][g].t());
                models[g].Linears[l].bias!.copy_(biases[l][g].squeeze(0));
            }
    }

    public void Dispose()
    {
        foreach (Tensor t in weights.Concat(biases)) t.Dispose();
    }
}
