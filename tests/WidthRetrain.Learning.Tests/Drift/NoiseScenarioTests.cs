using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using static TorchSharp.torch;

namespace WidthRetrain.Learning.Tests.Drift;

/// <summary>
/// The worked example of a scenario with one parameter: it is reached only through the public paths (kinds, validation,
/// creation, materialisation, the task cache key), with no code outside its own file.
/// </summary>
public sealed class NoiseScenarioTests : IDisposable
{
    private static readonly DatasetRequest Request = new(DatasetLoader.Synthetic, TrainLimit: 300, TestLimit: 60, Seed: 5);
    private readonly DatasetPair source = DatasetLoader.Load(Request);

    public void Dispose() => source.Dispose();

    private static ScenarioSpec Noise(string? maxStd, int tasks = 5) =>
        new("noise", tasks, Parameters: maxStd is null ? null : new Dictionary<string, string> { ["max-std"] = maxStd });

    [Fact]
    public void IsAKind_AndItsParameterIsValidatedWithTheAllowedValues()
    {
        Assert.Contains("noise", DriftScenarios.Kinds);
        Assert.Empty(DriftScenarios.Problems(Noise("0.3")));
        Assert.Contains("max-std: must be a number in (0, 1], got '2'", DriftScenarios.Problems(Noise("2")));
        Assert.Contains("max-std: must be a number in (0, 1], got 'loud'", DriftScenarios.Problems(Noise("loud")));
        Assert.Contains("max-std: only the noise scenario takes max-std, not rotation",
            DriftScenarios.Problems(Noise("0.3") with { Kind = DriftScenarios.Rotation }));
        var e = Assert.Throws<ArgumentException>(() => DriftScenarios.Create(Noise("0")));
        Assert.Contains("max-std: must be a number in (0, 1], got '0'", e.Message);
    }

    [Fact]
    public void IsCreatedFromItsSpec_WithTheDefaultWhenTheParameterIsLeftOut()
    {
        var given = (NoiseScenario)DriftScenarios.Create(Noise("0.3"));
        var defaulted = (NoiseScenario)DriftScenarios.Create(Noise(null));

        Assert.Equal(new NoiseScenario(5, 0.3), given);
        Assert.Equal(new NoiseScenario(5, 0.5), defaulted);
        Assert.Equal("noise std 0.15", given.Describe(2));
    }

    [Fact]
    public void NoiseGrowsOverTheTasks_FromTheOriginalData_AndKeepsPixelsAndLabels()
    {
        using var scope = NewDisposeScope();
        DriftScenario s = DriftScenarios.Create(Noise("0.3"));
        IReadOnlyList<TaskData> tasks = DriftScenarios.MaterializeAll(s, source, seed: 7);
        try
        {
            using Tensor original = source.Train.Images.flatten(1);
            Assert.True(Same.Tensors(tasks[0].TrainX, original));
            double[] change = [.. tasks.Select(t => (t.TrainX - original).abs().mean().item<float>()).Select(v => (double)v)];
            Assert.All(change.Zip(change.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
            Assert.All(tasks, t =>
            {
                Assert.True(t.TrainX.min().item<float>() >= 0 && t.TrainX.max().item<float>() <= 1);
                Assert.True(Same.Tensors(t.TrainY, source.Train.Labels));
                Assert.Equal(source.Test.Labels.shape[0], t.TestCount);
            });
        }
        finally
        {
            foreach (TaskData t in tasks) t.Dispose();
        }
    }

    [Fact]
    public void IsDeterministicPerSeed()
    {
        DriftScenario s = DriftScenarios.Create(Noise("0.3"));
        using TaskData a = DriftScenarios.Materialize(s, source, 3, seed: 11);
        using TaskData b = DriftScenarios.Materialize(s, source, 3, seed: 11);
        using TaskData other = DriftScenarios.Materialize(s, source, 3, seed: 12);

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, other.ContentHash);
    }

    [Fact]
    public void SpecsThatDifferOnlyInTheParameter_GetDifferentCacheKeys_AndTheDefaultSpelledOutGetsTheSame()
    {
        Assert.NotEqual(TaskSequenceKey.Of(Request, Noise("0.3"), 1), TaskSequenceKey.Of(Request, Noise("0.4"), 1));
        Assert.Equal(TaskSequenceKey.Of(Request, Noise(null), 1), TaskSequenceKey.Of(Request, Noise("0.50"), 1));
    }
}
