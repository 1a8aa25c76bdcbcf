using System.Text.Json;

namespace WidthRetrain.Cli.Tests;

/// <summary>`run`, `campaigns` and `show` as a user runs them, on the real PostgreSQL that infra/test.sh starts.</summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private readonly ScratchStore scratch = new("cli");

    private string Folder => scratch.Folder;

    public Task InitializeAsync() => Task.CompletedTask;


    public async Task DisposeAsync() => await scratch.DisposeAsync();

    private string[] Store => scratch.Options;

    [Fact]
    public void EmbeddedRun_CompletesACampaign_ThatCampaignsAndShowFindAgain()
    {
        string json = Path.Combine(Folder, "campaign.json"), png = Path.Combine(Folder, "campaign.png");
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--name", "cli-test", "--dataset", "synthetic", "--train-limit", "300", "--test-limit", "100",
            "--widths", "16,32", "--tasks", "2", "--seeds", "1", "--epochs", "1", "--checkpoints", Path.Combine(Folder, "ckpt"), "--json", json, "--plot", png]);

        Assert.True(code == 0, output);
        Assert.Contains("rounds 4/4", output);
        Assert.Contains("Campaign completed", output);
        Assert.Contains("Evidence per arm", output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("completed", doc.RootElement.GetProperty("summary").GetProperty("status").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("evidence").GetArrayLength());
        Assert.Equal(4, doc.RootElement.GetProperty("rounds").GetArrayLength());
        Assert.True(new FileInfo(png).Length > 10_000);
        string id = doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;

        var (listCode, list) = CliRunner.Run(scratch.Environment, ["campaigns", .. Store]);
        Assert.Equal(0, listCode);
        Assert.Contains(id, list);
        Assert.Contains("1 campaign(s)", list);

        var (showCode, shown) = CliRunner.Run(scratch.Environment, ["show", id[..8], "--rounds", .. Store]);
        Assert.True(showCode == 0, shown);
        Assert.Contains("cli-test", shown);
        Assert.Contains("costed", shown);

        // Retention: a recent campaign is kept; at age 0 its intermediate checkpoints go and each chain's final model stays.
        string checkpoints = Path.Combine(Folder, "ckpt");
        string campaignFolder = Path.Combine(checkpoints, Guid.Parse(id).ToString("N"));
        var (keepCode, keep) = CliRunner.Run(scratch.Environment, ["prune", "--checkpoints", checkpoints, .. Store]);
        Assert.True(keepCode == 0, keep);
        Assert.Contains("freed 0 KiB from 0 campaign(s); kept 1", keep);
        var (pruneCode, pruned) = CliRunner.Run(scratch.Environment, ["prune", "--checkpoints", checkpoints, "--older-than", "0", "--keep-final", .. Store]);
        Assert.True(pruneCode == 0, pruned);
        Assert.Contains($"pruned {id}", pruned);
        Assert.Equal(["task-1.ckpt", "task-1.ckpt"], Directory.GetFiles(campaignFolder, "*.ckpt", SearchOption.AllDirectories).Select(Path.GetFileName));
        var (verifyCode, verified) = CliRunner.Run(scratch.Environment, ["verify", id, "--checkpoints", checkpoints, .. Store]);
        Assert.True(verifyCode == 0, verified);
        Assert.Contains("2 checkpoint file(s) checked (4 not present here)", CliRunner.Unwrapped(verified)); // 2 chains: initial, task 0 and task 1 each
    }

    [Fact]
    public void ACampaignThatCannotGoOn_FailsAtOnce_WithItsReasonOnOneLine_AndShowSaysSo()
    {
        // The data the spec names is not there: the drift generator can never prepare the tasks.
        string empty = Path.Combine(Folder, "no-data");
        Directory.CreateDirectory(empty);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--dataset", "idx", "--data-dir", empty, "--widths", "16", "--seeds", "1",
            "--tasks", "2", "--epochs", "1", "--checkpoints", Path.Combine(Folder, "ckpt-failed")]);
        Assert.True(code == 1, output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        string line = output.Split('\n').Single(l => l.StartsWith("campaign ", StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal));
        Assert.Matches("^campaign [0-9a-f-]{36} failed: drift-generator could not prepare the tasks: .+; `widthretrain resume [0-9a-f-]{36}` tries again", line);
        Assert.DoesNotContain("   at ", output);
        string id = line.Split(' ')[1];
        var (_, shown) = CliRunner.Run(scratch.Environment, ["show", id, .. Store]);
        Assert.Contains("failed", shown);
        Assert.Contains("drift-generator could not prepare the tasks", CliRunner.Unwrapped(shown));
    }

    [Fact]
    public void BadSpec_IsRefusedNamingEachField_AndNothingIsRecorded()
    {
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--dataset", "synthetic", "--widths", "0,32", "--tasks", "0", "--lr", "-1", "--optimizer", "rmsprop"]);

        Assert.Equal(2, code);
        Assert.Contains("widths: 0 is not allowed", output);
        Assert.Contains("drift.tasks: must be at least 1, got 0", output);
        Assert.Contains("training.learningRate: must be a positive number, got -1", output);
        Assert.Contains("training.optimizer: unknown value 'rmsprop'; allowed: sgd, momentum, adam", output);
        var (_, list) = CliRunner.Run(scratch.Environment, ["campaigns", .. Store]);
        Assert.Contains("0 campaign(s)", list);
    }

    [Fact]
    public void SpecFile_IsRead_AndABrokenOneIsNamed()
    {
        Directory.CreateDirectory(Folder);
        string broken = Path.Combine(Folder, "broken.json");
        File.WriteAllText(broken, "{ \"name\": 3, ");
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--spec", broken]);
        Assert.Equal(2, code);
        Assert.Contains($"--spec: {broken} is not a valid CampaignSpec", output);

        var (missingCode, missing) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--spec", Path.Combine(Folder, "nope.json")]);
        Assert.Equal(2, missingCode);
        Assert.Contains("not found", missing);
    }
}
