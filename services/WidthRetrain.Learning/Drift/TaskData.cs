using System.Security.Cryptography;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Drift;

/// <summary>
/// One retraining task, materialised: flattened inputs float32 [N, D] and labels int64 [N] for train and test.
/// Owns its tensors. Any process can rebuild it from (scenario, seed, task index) and check <see cref="ContentHash"/>.
/// </summary>
public sealed class TaskData : IDisposable
{
    private string? contentHash;

    public TaskData(int index, string description, Tensor trainX, Tensor trainY, Tensor testX, Tensor testY)
    {
        Index = index;
        Description = description;
        TrainX = trainX;
        TrainY = trainY;
        TestX = testX;
        TestY = testY;
    }

    public int Index { get; }
    public string Description { get; }
    public Tensor TrainX { get; }
    public Tensor TrainY { get; }
    public Tensor TestX { get; }
    public Tensor TestY { get; }
    public int TrainCount => (int)TrainX.shape[0];
    public int TestCount => (int)TestX.shape[0];
    public int InputSize => (int)TrainX.shape[1];

    /// <summary>SHA-256 (hex) over the raw bytes of the four tensors, in a fixed order.</summary>
    public string ContentHash => contentHash ??= ComputeHash();

    private string ComputeHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (Tensor t in new[] { TrainX, TrainY, TestX, TestY })
        {
            using Tensor c = t.contiguous();
            sha.AppendData(c.bytes);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public void Dispose()
    {
        TrainX.Dispose();
        TrainY.Dispose();
        TestX.Dispose();
        TestY.Dispose();
    }
}
