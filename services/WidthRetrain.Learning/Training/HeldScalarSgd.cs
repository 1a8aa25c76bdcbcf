using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// Plain and momentum SGD (no dampening, weight decay or Nesterov) as TorchSharp's <c>optim.SGD</c> computes them, with
/// its Scalars held (<see cref="HeldScalarOptimizer"/>).
/// </summary>
public sealed class HeldScalarSgd : HeldScalarOptimizer
{
    private readonly double momentum;
    private readonly Tensor?[] buffers;

    public HeldScalarSgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0) : base(parameters, learningRate)
    {
        if (!(momentum >= 0)) throw new ArgumentException($"momentum: must be at least 0, got {momentum}", nameof(momentum));
        this.momentum = momentum;
        buffers = new Tensor?[Parameters.Length];
    }

    protected override void Update()
    {
        // Held by these usings until the end of the step: every native call below reads them while they are alive.
        using Scalar step = (-LearningRate).ToScalar();
        using Scalar decay = momentum.ToScalar();
        using Scalar one = 1.0.ToScalar();
        for (int i = 0; i < Parameters.Length; i++)
        {
            Tensor? grad = Parameters[i].grad;
            if (grad is null) continue;
            if (momentum != 0)
            {
                if (buffers[i] is not { } buffer) buffers[i] = grad.clone().detach().DetachFromDisposeScope();
                else buffer.mul_(decay).add_(grad, one);
                grad = buffers[i]!;
            }
            Parameters[i].add_(grad, step);
        }
    }

    public override void Dispose()
    {
        foreach (Tensor? b in buffers) b?.Dispose();
        Array.Clear(buffers);
    }
}
