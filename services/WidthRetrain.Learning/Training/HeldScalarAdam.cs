using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Training;

/// <summary>
/// Adam with TorchSharp's defaults (betas 0.9 and 0.999, eps 1e-8; no weight decay, AMSGrad or maximising) as
/// TorchSharp's <c>optim.Adam</c> computes it, with its Scalars held (<see cref="HeldScalarOptimizer"/>).
/// </summary>
public sealed class HeldScalarAdam : HeldScalarOptimizer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;

    private readonly Tensor[] averages;
    private readonly Tensor[] squares;
    private readonly long[] steps;

    public HeldScalarAdam(IEnumerable<Parameter> parameters, double learningRate) : base(parameters, learningRate)
    {
        averages = [.. Parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        squares = [.. Parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        steps = new long[Parameters.Length];
    }

    protected override void Update()
    {
        using Scalar beta1 = Beta1.ToScalar(), keep1 = (1 - Beta1).ToScalar(), beta2 = Beta2.ToScalar(), keep2 = (1 - Beta2).ToScalar();
        using Scalar eps = Eps.ToScalar(), one = 1.ToScalar();
        for (int i = 0; i < Parameters.Length; i++)
        {
            Tensor? grad = Parameters[i].grad;
            if (grad is null) continue;
            steps[i] += 1;
            double correction1 = 1 - Math.Pow(Beta1, steps[i]);
            double correction2 = 1 - Math.Pow(Beta2, steps[i]);
            averages[i].mul_(beta1).add_(grad, keep1);
            squares[i].mul_(beta2).addcmul_(grad, grad.conj(), keep2);
            using Scalar root2 = Math.Sqrt(correction2).ToScalar();
            using Scalar stepSize = (-(LearningRate / correction1)).ToScalar();
            Tensor denominator = squares[i].sqrt().div(root2).add_(eps, one);
            Parameters[i].addcdiv_(averages[i], denominator, stepSize);
        }
    }

    public override void Dispose()
    {
        foreach (Tensor t in averages.Concat(squares)) t.Dispose();
    }
}
