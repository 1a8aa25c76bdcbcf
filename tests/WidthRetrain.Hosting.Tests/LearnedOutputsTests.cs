using TorchSharp;
using WidthRetrain.Evaluator;
using static TorchSharp.torch;

namespace WidthRetrain.Hosting.Tests;

/// <summary>The evaluator's kept outputs: exact copies by (checkpoint, task), owned by the caller, within their byte budget.</summary>
public sealed class LearnedOutputsTests
{
    [Fact]
    public void KeptOutputs_AreFoundByCheckpointAndTask_AsCopiesTheCallerMayDispose()
    {
        using var learned = new LearnedOutputs();
        using (Tensor outputs = randn(50, 10, generator: new Generator(7)))
        {
            learned.Keep("ckpt-a", "task-0", outputs);
            using Tensor found = learned.Find("ckpt-a", "task-0")!;
            Assert.True(found.allclose(outputs, rtol: 0, atol: 0));
            outputs.add_(1); // the caller's tensor changing later does not change what was kept
        }
        Assert.Null(learned.Find("ckpt-a", "task-1"));
        Assert.Null(learned.Find("ckpt-b", "task-0"));
        Tensor first = learned.Find("ckpt-a", "task-0")!;
        first.Dispose();
        using Tensor again = learned.Find("ckpt-a", "task-0")!;
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
            learned.Keep(ckpt, "task", t);
        }
        learned.Find("a", "task")!.Dispose(); // "a" used last: "b" is the one to go
        using (Tensor t = zeros(50, 10)) learned.Keep("c", "task", t);

        Assert.Equal(2, learned.Count);
        Assert.Null(learned.Find("b", "task"));
        Assert.NotNull(learned.Find("a", "task"));
        Assert.NotNull(learned.Find("c", "task"));
    }
}
