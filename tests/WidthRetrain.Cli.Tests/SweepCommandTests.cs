using System.Text.Json;

namespace WidthRetrain.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "widthretrain-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static readonly string[] SmallSweep =
        ["sweep", "--dataset", "synthetic", "--widths", "16,64", "--tasks", "3", "--train-limit", "600", "--test-limit", "200", "--epochs", "1", "--lr", "0.05", "--threads", "2"];

    [Fact]
    public void Sweep_PrintsTheTable_AndWritesJsonAndPlot()
    {
        string json = Path.Combine(folder, "out", "sweep.json"), png = Path.Combine(folder, "out", "sweep.png");

        var (code, wrapped) = CliRunner.Run([.. SmallSweep, "--json", json, "--plot", png]);
        string output = CliRunner.Unwrapped(wrapped);

        Assert.True(code == 0, output);
        Assert.Contains("F paper", output);
        // One seed at two widths: nothing can be tested, and the output says so instead of fitting a law or naming a width.
        Assert.Contains("flat: no width trend distinguishable (2 points at 2 widths leave no degree of freedom", output);
        Assert.Contains("per doubling (pts)", output);
        Assert.Contains("least forgetting: one seed: no test is possible", output);
        Assert.DoesNotContain("* W^", output);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement result = doc.RootElement.GetProperty("result");
        JsonElement runs = result.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        foreach (JsonElement run in runs.EnumerateArray())
        {
            JsonElement rows = run.GetProperty("accuracy").GetProperty("rows");
            Assert.Equal(3, rows.GetArrayLength());
            Assert.All(rows.EnumerateArray(), r => Assert.Equal(3, r.GetArrayLength()));
            Assert.Equal(3, run.GetProperty("training").GetArrayLength());
        }
        Assert.Equal(3, result.GetProperty("taskContentHashes").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("analysis")[0].GetProperty("forgettingPaper").GetProperty("slopePerDoubling").ValueKind);
        Assert.True(doc.RootElement.GetProperty("analysis")[0].GetProperty("trend").GetProperty("isFlat").GetBoolean());

        byte[] image = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image[..4]);
        Assert.True(image.Length > 10_000, $"plot is only {image.Length} bytes");
    }

    [Fact]
    public void SameSeed_GivesTheSameAccuracyMatrices()
    {
        string a = Path.Combine(folder, "a.json"), b = Path.Combine(folder, "b.json");
        Assert.Equal(0, CliRunner.Run([.. SmallSweep, "--json", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. SmallSweep, "--json", b]).ExitCode);

        static string Matrices(string path)
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return string.Join("|", doc.RootElement.GetProperty("result").GetProperty("runs").EnumerateArray()
                .Select(r => r.GetProperty("accuracy").GetRawText()));
        }
        Assert.Equal(Matrices(a), Matrices(b));
    }

    [Fact]
    public void BadOptions_AreRefusedNamingEachOne_AndNothingIsWritten()
    {
        string json = Path.Combine(folder, "never.json");

        var (code, output) = CliRunner.Run("sweep", "--dataset", "synthetic", "--widths", "0,32", "--scenario", "spin", "--tasks", "0",
            "--lr", "-0.5", "--json", json);

        Assert.Equal(2, code);
        Assert.Contains("widths: 0 is not allowed", output);
        Assert.Contains("scenario: unknown value 'spin'; allowed: rotation, permutation, class-split, gradual-shift", output);
        Assert.Contains("tasks: must be at least 1", output);
        Assert.Contains("lr: must be a positive number, got -0.5", output);
        Assert.DoesNotContain("   at ", output); // a message, not a stack trace
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("--optimizer", "rmsprop", "--optimizer: unknown value 'rmsprop'; allowed: sgd, momentum, adam")]
    [InlineData("--widths", "32,wide", "--widths: 'wide' is not a whole number")]
    [InlineData("--dataset", "cifar", "dataset: unknown value 'cifar'; allowed: fashion-mnist, mnist, kmnist, idx, synthetic")]
    public void OtherBadValues_NameTheOptionAndWhatIsAllowed(string option, string value, string expected)
    {
        var (code, output) = CliRunner.Run("sweep", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public void MissingDataDirectory_SaysWhereItLooked()
    {
        var (code, output) = CliRunner.Run("sweep", "--dataset", "mnist", "--data-dir", folder, "--widths", "32");
        Assert.Equal(2, code);
        Assert.Contains(folder, output);
        Assert.Contains("--data-dir", output);
    }
}
