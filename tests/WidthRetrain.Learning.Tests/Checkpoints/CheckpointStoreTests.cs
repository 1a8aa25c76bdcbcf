using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Models;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly TestData data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void RoundTrip_GivesTheSameOutputs()
    {
        using var model = new Mlp(new MlpSpec(20, 16, 2, 4), seed: 3);
        Checkpoint cp = CheckpointStore.Save(model, Path.Combine(data.Root, "a", "model.ckpt"));
        using var loaded = CheckpointStore.Load(cp);
        using Tensor x = randn(5, 20);

        using (no_grad())
            Assert.True(Same.Tensors(model.forward(x), loaded.forward(x)));
        Assert.Equal(CheckpointStore.Sha256Of(cp.Path), cp.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", cp.Sha256);
        Assert.False(File.Exists(cp.Path + ".tmp"));
    }

    [Fact]
    public void TamperedFile_IsRefused()
    {
        using var model = new Mlp(new MlpSpec(20, 16, 1, 4));
        Checkpoint cp = CheckpointStore.Save(model, Path.Combine(data.Root, "model.ckpt"));
        byte[] bytes = File.ReadAllBytes(cp.Path);
        bytes[^5] ^= 0x40;
        File.WriteAllBytes(cp.Path, bytes);

        var e = Assert.Throws<CheckpointIntegrityException>(() => CheckpointStore.Load(cp));
        Assert.Contains(cp.Path, e.Message);
        Assert.Contains(cp.Sha256, e.Message);
    }

    [Fact]
    public void MissingFile_IsReported()
    {
        var cp = new Checkpoint(Path.Combine(data.Root, "gone.ckpt"), new string('0', 64), new MlpSpec(2, 2, 1, 2));
        Assert.Throws<FileNotFoundException>(() => CheckpointStore.Load(cp));
    }
}
