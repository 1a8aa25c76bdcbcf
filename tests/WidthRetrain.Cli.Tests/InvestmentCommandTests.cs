using System.Text.Json;

namespace WidthRetrain.Cli.Tests;

/// <summary>A staged campaign through `run --policy`, then `replay` (audit and counterfactual) and `report`, as a user runs them.</summary>
public sealed class InvestmentCommandTests : IAsyncLifetime
{
    private readonly ScratchStore scratch = new("inv");

    private string Folder => scratch.Folder;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await scratch.DisposeAsync();

    private string[] Store => scratch.Options;

    private string StagedCampaign()
    {
        string policy = Path.Combine(Folder, "policy.json"), json = Path.Combine(Folder, "campaign.json");
        File.WriteAllText(policy, """{ "startWidth": 16, "growthFactor": 2, "capWidth": 64, "minimumGain": 0, "returnThreshold": 0, "confidence": 0.6, "useForecast": false }""");
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--name", "staged-cli", "--dataset", "synthetic", "--train-limit", "400", "--test-limit", "100",
            "--tasks", "2", "--seeds", "1,2", "--epochs", "1", "--policy", policy, "--checkpoints", Path.Combine(Folder, "ckpt"), "--json", json]);
        Assert.True(code == 0, output);
        Assert.Contains("Decisions (staged-widening v2)", output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        return doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
    }

    [Fact]
    public void Replay_AuditsPasses_CounterfactualExplains_AndReportRenders()
    {
        string id = StagedCampaign();

        var (auditCode, audit) = CliRunner.Run(scratch.Environment, ["replay", id, .. Store]);
        Assert.True(auditCode == 0, audit);
        Assert.Contains("audit passed", audit);
        Assert.Contains("identical", audit);

        string strict = Path.Combine(Folder, "strict.json");
        File.WriteAllText(strict, """{ "startWidth": 16, "capWidth": 64, "minimumGain": 1.0, "returnThreshold": 0, "useForecast": false }""");
        var (cfCode, counterfactual) = CliRunner.Run(scratch.Environment, ["replay", id, "--policy", strict, .. Store]);
        Assert.True(cfCode == 0, counterfactual);
        Assert.Contains("no round is trained", counterfactual);
        Assert.Contains("would decide", counterfactual);

        string prices = Path.Combine(Folder, "prices.json");
        File.WriteAllText(prices, """{ "currency": "EUR", "deviceHourPrice": { "cpu": 50 }, "powerDrawWatts": { "cpu": 65 }, "energyPricePerKwh": 0.3, "co2GramsPerKwh": null, "servingDevice": "cpu", "servingGflopsPerSecond": 20 }""");
        var (pricesCode, repriced) = CliRunner.Run(scratch.Environment, ["replay", id, "--prices", prices, .. Store]);
        Assert.True(pricesCode == 0, repriced);
        Assert.Contains("prices in EUR", repriced);

        string reportDir = Path.Combine(Folder, "report");
        var (reportCode, reportOut) = CliRunner.Run(scratch.Environment, ["report", id[..8], "--out", reportDir, .. Store]);
        Assert.True(reportCode == 0, reportOut);
        foreach (string png in new[] { "width-curve.png", "return-per-stage.png", "accuracy-matrix.png" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(reportDir, png));
            Assert.Equal((byte)'P', bytes[1]);
            Assert.True(bytes.Length > 5_000, $"{png} is only {bytes.Length} bytes");
        }
        string md = File.ReadAllText(Path.Combine(reportDir, "report.md"));
        Assert.Contains("## Stages and decisions", md);
        Assert.Contains("staged-widening v2", md);
        Assert.Contains("<table>", File.ReadAllText(Path.Combine(reportDir, "report.html")));
    }

    [Fact]
    public void Replay_OfAFixedWidthCampaign_VerifiesItsRecord_AndFindsNoDecisionToReDerive()
    {
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--dataset", "synthetic", "--train-limit", "300", "--test-limit", "100", "--widths", "16",
            "--tasks", "2", "--seeds", "1", "--epochs", "1", "--checkpoints", Path.Combine(Folder, "ckpt2"), "--json", Path.Combine(Folder, "fixed.json")]);
        Assert.True(code == 0, output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "fixed.json")));
        string id = doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
        var (replayCode, replay) = CliRunner.Run(scratch.Environment, ["replay", id, .. Store]);
        Assert.True(replayCode == 0, replay);
        Assert.Contains("0 decision(s) re-derived", replay);
        Assert.Contains("audit passed", replay);
        var (counterfactualCode, counterfactual) = CliRunner.Run(scratch.Environment, ["replay", id, "--prices", Path.Combine(Folder, "none.json"), .. Store]);
        Assert.Equal(2, counterfactualCode);
        Assert.Contains("--prices: file", counterfactual);

        string badScale = Path.Combine(Folder, "bad-scale.json");
        File.WriteAllText(badScale, BadProductionPrices);
        var (badCode, bad) = CliRunner.Run(scratch.Environment, ["replay", id, "--prices", badScale, .. Store]);
        Assert.Equal(2, badCode);
        Assert.Contains("--prices: prices.production.modelScale: must be positive", bad);
        Assert.DoesNotContain("   at ", bad);
    }

    private const string BadProductionPrices = """{ "currency": "USD", "deviceHourPrice": { "cpu": 0.1 }, "powerDrawWatts": { "cpu": 65 }, "energyPricePerKwh": 0, "co2GramsPerKwh": null, "servingDevice": "cpu", "servingGflopsPerSecond": 20, "production": { "modelScale": 0, "sampleScale": 1000, "device": "cuda", "gflopsPerSecond": 1000 } }""";

    [Fact]
    public void BadProductionPrices_AreRefusedNamingEachField()
    {
        string prices = Path.Combine(Folder, "bad-prices.json");
        File.WriteAllText(prices, BadProductionPrices);
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--dataset", "synthetic", "--widths", "16", "--prices", prices]);
        Assert.Equal(2, code);
        Assert.Contains("prices.production.modelScale: must be positive", output);
        Assert.Contains("prices.production.device: 'cuda' has no entry in prices.deviceHourPrice", output);
    }

    [Fact]
    public void BadPolicy_IsRefusedNamingEachField()
    {
        string policy = Path.Combine(Folder, "bad.json");
        File.WriteAllText(policy, """{ "startWidth": 0, "growthFactor": 1, "confidence": 2, "levers": [ { "kind": "dropout", "value": 0.5 } ] }""");
        var (code, output) = CliRunner.Run(scratch.Environment, ["run", .. Store, "--dataset", "synthetic", "--policy", policy]);
        Assert.Equal(2, code);
        Assert.Contains("policy.startWidth: must be 1 to 65536, got 0", output);
        Assert.Contains("policy.growthFactor: must be more than 1 (and at most 65536), got 1", output);
        Assert.Contains("policy.confidence: must be in (0, 1), got 2", output);
        Assert.Contains("policy.levers: unknown kind 'dropout'; allowed: replay, lr-decay", output);
    }
}
