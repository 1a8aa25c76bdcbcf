using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// An optimiser computed with the operations of TorchSharp's own, in its order (the same bits), whose steps hold every
/// Scalar through the native calls that read it. TorchSharp's steps pass the handle of an implicitly converted Scalar to
/// libtorch without keeping the Scalar alive, so a garbage collection during that call can finalize it and free the
/// native value mid-call. This was seen once in CI as "toFloat: Expected false to be true" from <c>SGD.step</c>'s
/// <c>add_</c>.
/// </summary>
public abstract class HeldScalarOptimizer : IDisposable
{
    protected HeldScalarOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        if (!(learningRate >= 0)) throw new ArgumentException($"learning rate: must be at least 0, got {learningRate}", nameof(learningRate));
        Parameters = [.. parameters];
        LearningRate = learningRate;
    }

    /// <summary>The optimiser <paramref name="settings"/> name, over <paramref name="parameters"/>.</summary>
    public static HeldScalarOptimizer For(TrainingSettings settings, IEnumerable<Parameter> parameters) => settings.Optimizer switch
    {
        OptimizerKind.Sgd => new HeldScalarSgd(parameters, settings.LearningRate),
        OptimizerKind.Momentum => new HeldScalarSgd(parameters, settings.LearningRate, settings.Momentum),
        _ => new HeldScalarAdam(parameters, settings.LearningRate),
    };

    protected Parameter[] Parameters { get; }

    public double LearningRate { get; set; }

    /// <summary>Zeroes every gradient in place, as TorchSharp's managed optimizers do.</summary>
    public void ZeroGrad()
    {
        foreach (Parameter p in Parameters)
        {
            using Tensor? grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One step from the current gradients (without autograd, temporaries in a dispose scope of its own).</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Update();
    }

    /// <summary>Updates every parameter that has a gradient; each Scalar it passes to libtorch held until it returns.</summary>
    protected abstract void Update();

    /// <summary>Frees the optimiser's state tensors.</summary>
    public abstract void Dispose();
}
