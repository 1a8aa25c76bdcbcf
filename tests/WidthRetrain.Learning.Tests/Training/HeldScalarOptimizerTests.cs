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
        for (int step = 0; step < 5; step++)
        {
            if (step == 3)
            {
                held.LearningRate = 0.035; // a new task's decayed rate, set between steps as the learner does
                foreach (var group in reference.ParamGroups) group.LearningRate = 0.035;
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

    [Fact]
    public void AdamSteps_AreTorchSharpsAdam_BitForBit()
    {
        using var scope = NewDisposeScope();
        Parameter[] ours = Parameters(), theirs = Parameters();
        using var held = new HeldScalarAdam(ours, 0.001);
        using var reference = optim.Adam(theirs, 0.001);
        for (int step = 0; step < 6; step++)
        {
            if (step == 3)
            {
                held.LearningRate = 0.0007;
                foreach (var group in reference.ParamGroups) group.LearningRate = 0.0007;
            }
            held.ZeroGrad();
            reference.zero_grad();
            Loss(ours, step).backward();
            Loss(theirs, step).backward();
            held.Step();
            reference.step();
            for (int i = 0; i < ours.Length; i++) Assert.True(Same.Tensors(ours[i], theirs[i]), $"step {step}, parameter {i} differs");
        }
        Assert.False(Same.Tensors(ours[0], Parameters()[0]));
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
