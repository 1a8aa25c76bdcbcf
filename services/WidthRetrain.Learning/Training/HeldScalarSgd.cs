using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// Plain and momentum SGD (no dampening, weight decay or Nesterov), computed with the operations TorchSharp's
/// <c>optim.SGD</c> uses, in its order, so the results are the same bits. The difference: the Scalars for the learning
/// rate and momentum are held for the whole step. TorchSharp's step passes the handle of an implicitly converted Scalar
/// to libtorch without keeping the Scalar alive, so a garbage collection during that call can finalize it and free the
/// native value mid-call. This was seen once in CI as "toFloat: Expected false to be true" from <c>SGD.step</c>'s
/// <c>add_</c>.
/// </summary>
public sealed class HeldScalarSgd : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly double momentum;
    private readonly Tensor?[] buffers;

    public HeldScalarSgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0)
    {
        if (!(learningRate >= 0)) throw new ArgumentException($"learning rate: must be at least 0, got {learningRate}", nameof(learningRate));
        if (!(momentum >= 0)) throw new ArgumentException($"momentum: must be at least 0, got {momentum}", nameof(momentum));
        this.parameters = [.. parameters];
        this.momentum = momentum;
        buffers = new Tensor?[this.parameters.Length];
        LearningRate = learningRate;
    }

    public double LearningRate { get; set; }

    /// <summary>Zeroes every gradient in place, as TorchSharp's managed optimizers do.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter p in parameters)
        {
            using Tensor? grad = p.grad;
            grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Held by these usings until the end of the step: every native call below reads them while they are alive.
        using Scalar step = (-LearningRate).ToScalar();
        using Scalar decay = momentum.ToScalar();
        using Scalar one = 1.0.ToScalar();
        for (int i = 0; i < parameters.Length; i++)
        {
            Tensor? grad = parameters[i].grad;
            if (grad is null) continue;
            if (momentum != 0)
            {
                if (buffers[i] is not { } buffer) buffers[i] = grad.clone().detach().DetachFromDisposeScope();
                else buffer.mul_(decay).add_(grad, one);
                grad = buffers[i]!;
            }
            parameters[i].add_(grad, step);
        }
    }

    public void Dispose()
    {
        foreach (Tensor? b in buffers) b?.Dispose();
        Array.Clear(buffers);
    }
}
