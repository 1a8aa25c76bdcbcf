using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// Adam with TorchSharp's defaults (betas 0.9 and 0.999, eps 1e-8; no weight decay, AMSGrad or maximising), computed
/// with the operations TorchSharp's <c>optim.Adam</c> uses, in its order, so the results are the same bits, with
/// every Scalar held through the native calls that read it (why: <see cref="HeldScalarSgd"/>).
/// </summary>
public sealed class HeldScalarAdam : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;

    private readonly Parameter[] parameters;
    private readonly Tensor[] averages;
    private readonly Tensor[] squares;
    private readonly long[] steps;

    public HeldScalarAdam(IEnumerable<Parameter> parameters, double learningRate)
    {
        if (!(learningRate >= 0)) throw new ArgumentException($"learning rate: must be at least 0, got {learningRate}", nameof(learningRate));
        this.parameters = [.. parameters];
        averages = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        squares = [.. this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        steps = new long[this.parameters.Length];
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
        using Scalar beta1 = Beta1.ToScalar(), keep1 = (1 - Beta1).ToScalar(), beta2 = Beta2.ToScalar(), keep2 = (1 - Beta2).ToScalar();
        using Scalar eps = Eps.ToScalar(), one = 1.ToScalar();
        for (int i = 0; i < parameters.Length; i++)
        {
            Tensor? grad = parameters[i].grad;
            if (grad is null) continue;
            steps[i] += 1;
            double correction1 = 1 - Math.Pow(Beta1, steps[i]);
            double correction2 = 1 - Math.Pow(Beta2, steps[i]);
            averages[i].mul_(beta1).add_(grad, keep1);
            squares[i].mul_(beta2).addcmul_(grad, grad.conj(), keep2);
            using Scalar root2 = Math.Sqrt(correction2).ToScalar();
            using Scalar stepSize = (-(LearningRate / correction1)).ToScalar();
            Tensor denominator = squares[i].sqrt().div(root2).add_(eps, one);
            parameters[i].addcdiv_(averages[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (Tensor t in averages.Concat(squares)) t.Dispose();
    }
}
