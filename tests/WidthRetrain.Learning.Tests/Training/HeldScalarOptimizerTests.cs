using TorchSharp;
using TorchSharp.Modules;
using WidthRetrain.Learning.Training;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Training;

/// <summary>HeldScalarSgd and HeldScalarAdam compute what TorchSharp's SGD and Adam compute, bit for bit.</summary>
public sealed class HeldScalarOptimizerTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Steps_AreTorchSharpsSgd_BitForBit(double momentum)
    {
        using var scope = NewDisposeScope();
        Parameter[] ours = Parameters(), theirs = Parameters();
        using var held = new HeldScalarSgd(ours, 0.05, momentum);
        using var reference = optim.SGD(theirs, 0.05, momentum: momentum);
        AssertStepsAlike(held, reference, ours, theirs, steps: 5, decayedRate: 0.035);
    }

    [Fact]
    public void AdamSteps_AreTorchSharpsAdam_BitForBit()
    {
        using var scope = NewDisposeScope();
        Parameter[] ours = Parameters(), theirs = Parameters();
        using var held = new HeldScalarAdam(ours, 0.001);
        using var reference = optim.Adam(theirs, 0.001);
        AssertStepsAlike(held, reference, ours, theirs, steps: 6, decayedRate: 0.0007);
    }

    /// <summary>Steps both on the same losses, with the rate changed before step 3, and compares every parameter after every step.</summary>
    private static void AssertStepsAlike(HeldScalarOptimizer held, optim.Optimizer reference, Parameter[] ours, Parameter[] theirs, int steps, double decayedRate)
    {
        for (int step = 0; step < steps; step++)
        {
            if (step == 3)
            {
                held.LearningRate = decayedRate; // a new task's decayed rate, set between steps as the learner does
                foreach (var group in reference.ParamGroups) group.LearningRate = decayedRate;
            }
            held.ZeroGrad();
            reference.zero_grad();
            Loss(ours, step).backward();
            Loss(theirs, step).backward();
            held.Step();
            reference.step();
            for (int i = 0; i < ours.Length; i++) Assert.True(Same.Tensors(ours[i], theirs[i]), $"step {step}, parameter {i} differs");
        }
        Assert.False(Same.Tensors(ours[0], Parameters()[0])); // it did move
    }

    private static Parameter[] Parameters()
    {
        using var gen = new Generator(3);
        return [new Parameter(randn(8, 5, generator: gen)), new Parameter(randn(5, generator: gen))];
    }

    private static Tensor Loss(Parameter[] p, int step)
    {
        using var gen = new Generator((ulong)(10 + step));
        Tensor x = randn(4, 8, generator: gen);
        return (x.matmul(p[0]) + p[1]).tanh().pow(2).sum();
    }
}
