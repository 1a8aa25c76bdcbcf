using TorchSharp;
using WidthRetrain.Evaluator;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Hosting.Tests;

/// <summary>The evaluator's kept outputs: exact copies by (checkpoint, task), owned by the caller, within their byte budget.</summary>
public sealed class LearnedOutputsTests
{
    private static readonly MlpSpec Spec = new(784, 32, 1, 10);

    [Fact]
    public void KeptOutputs_AreFoundByCheckpointAndTask_AsCopiesTheCallerMayDispose()
    {
        using var learned = new LearnedOutputs();
        using (Tensor outputs = randn(50, 10, generator: new Generator(7)))
        {
            learned.Keep(Spec, "ckpt-a", "task-0", outputs);
            using Tensor found = learned.Find(Spec, "ckpt-a", "task-0")!;
            Assert.True(found.allclose(outputs, rtol: 0, atol: 0));
            outputs.add_(1); // the caller's tensor changing later does not change what was kept
        }
        Assert.Null(learned.Find(Spec, "ckpt-a", "task-1"));
        Assert.Null(learned.Find(Spec, "ckpt-b", "task-0"));
        Tensor first = learned.Find(Spec, "ckpt-a", "task-0")!;
        first.Dispose();
        using Tensor again = learned.Find(Spec, "ckpt-a", "task-0")!;
        using Tensor original = randn(50, 10, generator: new Generator(7));
        Assert.True(again.allclose(original, rtol: 0, atol: 0));
    }

    [Fact]
    public void OverItsBudget_TheLeastRecentlyUsedIsDropped()
    {
        // 50 x 10 floats = 2,000 bytes each; room for two.
        using var learned = new LearnedOutputs(budgetBytes: 4_500);
        foreach (string ckpt in new[] { "a", "b" })
        {
            using Tensor t = zeros(50, 10);
            learned.Keep(Spec, ckpt, "task", t);
        }
        learned.Find(Spec, "a", "task")!.Dispose(); // "a" used last: "b" is the one to go
        using (Tensor t = zeros(50, 10)) learned.Keep(Spec, "c", "task", t);

        Assert.Equal(2, learned.Count);
        Assert.Null(learned.Find(Spec, "b", "task"));
        Assert.NotNull(learned.Find(Spec, "a", "task"));
        Assert.NotNull(learned.Find(Spec, "c", "task"));
    }

    [Fact]
    public void WhatIsKept_OutlivesTheDisposeScopeItWasKeptIn_AndWhatIsFound_IsDisposedWithTheFindersScope()
    {
        using var learned = new LearnedOutputs();
        using (NewDisposeScope())
        {
            Tensor outputs = ones(20, 10); // disposed with this scope, as the evaluator's outputs are after each task
            learned.Keep(Spec, "ckpt", "task", outputs);
        }
        Tensor found;
        using (NewDisposeScope())
        {
            found = learned.Find(Spec, "ckpt", "task")!;
            Assert.Equal(200, found.sum().item<float>());
        }
        Assert.True(found.IsInvalid);
        using Tensor again = learned.Find(Spec, "ckpt", "task")!;
        Assert.Equal(200, again.sum().item<float>());
    }

    [Fact]
    public void AnotherShape_WithTheSameWeights_IsAnotherEntry()
    {
        using var learned = new LearnedOutputs();
        using (Tensor t = zeros(5, 10)) learned.Keep(Spec, "ckpt", "task", t);

        Assert.Null(learned.Find(Spec with { Activation = Activation.Tanh }, "ckpt", "task"));
        Assert.Equal(0, learned.Hits);
        learned.Find(Spec, "ckpt", "task")!.Dispose();
        Assert.Equal(1, learned.Hits);
    }
}
