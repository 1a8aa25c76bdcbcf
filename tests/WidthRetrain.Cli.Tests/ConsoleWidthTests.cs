using System.Text.Json;

namespace WidthRetrain.Cli.Tests;

/// <summary>
/// Every command's console output in an 80-column terminal (COLUMNS=80, output redirected): no line longer than 80
/// columns, every campaign id whole on one line; and --json parses with the expected fields. One tiny staged campaign
/// on the real PostgreSQL, recorded once for all of them.
/// </summary>
public sealed class ConsoleWidthTests(ConsoleWidthTests.StagedCampaign campaign) : IClassFixture<ConsoleWidthTests.StagedCampaign>
{
    private const int Columns = 80;

    /// <summary>A staged campaign (16 against 32, three seeds) run through `run` at 80 columns; its id and the output of the run.</summary>
    public sealed class StagedCampaign : IAsyncLifetime
    {
        public ScratchStore Scratch { get; } = new("width");

        public string Id { get; private set; } = "";

        public string RunOutput { get; private set; } = "";

        public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(Scratch.Environment) { ["COLUMNS"] = Columns.ToString() };

        public (int Code, string Output) Run(params string[] args) => CliRunner.Run(Environment, [.. args]);

        public Task InitializeAsync()
        {
            string policy = Path.Combine(Scratch.Folder, "policy.json"), json = Path.Combine(Scratch.Folder, "campaign.json");
            File.WriteAllText(policy, """{ "startWidth": 16, "growthFactor": 2, "capWidth": 32, "minimumGain": 0, "returnThreshold": 0, "confidence": 0.6, "useForecast": false }""");
            var (code, output) = Run(["run", .. Scratch.Options, "--name", "a campaign whose name is long enough to wrap in an eighty column terminal",
                "--dataset", "synthetic", "--train-limit", "300", "--test-limit", "100", "--tasks", "2", "--seeds", "1,2,3", "--epochs", "1", "--policy", policy,
                "--checkpoints", Path.Combine(Scratch.Folder, "ckpt"), "--json", json]);
            Assert.True(code == 0, output);
            RunOutput = output;
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
            Id = doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Scratch.DisposeAsync();
    }

    private string[] Store => campaign.Scratch.Options;

    private string Fits(params string[] args)
    {
        var (code, output) = campaign.Run(args);
        Assert.True(code == 0, output);
        AssertFits(output, campaign.Id);
        return output;
    }

    private static void AssertFits(string output, string id)
    {
        string[] lines = output.Split('\n');
        string[] tooLong = [.. lines.Where(l => l.TrimEnd('\r').Length > Columns)];
        Assert.True(tooLong.Length == 0, $"lines over {Columns} columns:\n{string.Join("\n", tooLong)}\n---\n{output}");
        // Every line that starts an id holds all of it: the first 8 characters occur exactly as often as the whole id.
        int starts = lines.Sum(l => Count(l, id[..8])), whole = lines.Sum(l => Count(l, id));
        Assert.True(starts == whole, $"campaign id {id} split over lines:\n{output}");
    }

    private static int Count(string line, string part) => (line.Length - line.Replace(part, "").Length) / part.Length;

    [Fact]
    public void Run_ShowsTheDecisionAsItIsMade_AndFits()
    {
        AssertFits(campaign.RunOutput, campaign.Id);
        Assert.Contains(campaign.Id, campaign.RunOutput);
        int decision = campaign.RunOutput.IndexOf("Decision, stage 1: w16 vs w32", StringComparison.Ordinal);
        int end = campaign.RunOutput.IndexOf("Campaign completed", StringComparison.Ordinal);
        Assert.True(decision >= 0 && decision < end, $"no decision before the campaign's end:\n{campaign.RunOutput}");
        Assert.Contains("gain ", campaign.RunOutput);
        Assert.Contains("ETA ?", campaign.RunOutput);
    }

    [Fact]
    public void Campaigns_Fits_AndJsonListsIt()
    {
        string list = Fits(["campaigns", .. Store]);
        Assert.Contains(campaign.Id, list);

        var (code, json) = campaign.Run(["campaigns", .. Store, "--json"]);
        Assert.True(code == 0, json);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement c = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(campaign.Id, c.GetProperty("id").GetString());
        Assert.Equal("completed", c.GetProperty("status").GetString());
        Assert.Equal(c.GetProperty("roundsTotal").GetInt32(), c.GetProperty("roundsDone").GetInt32());
    }

    [Fact]
    public void Show_AndItsRounds_Fit_AndJsonHoldsEvidenceAndRounds()
    {
        string show = Fits(["show", campaign.Id, .. Store]);
        Assert.Contains("Left out at this width", show);
        Fits(["show", campaign.Id, "--rounds", .. Store]);
        var (wideCode, wide) = campaign.Run(["show", campaign.Id, "--wide", .. Store]);
        Assert.True(wideCode == 0, wide);
        Assert.Contains(wide.Split('\n'), l => l.Contains("F Chaudhry", StringComparison.Ordinal) && l.Contains("serving /1M", StringComparison.Ordinal));

        var (code, json) = campaign.Run(["show", campaign.Id, .. Store, "--json"]);
        Assert.True(code == 0, json);
        Assert.DoesNotContain("\u001b", json);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(campaign.Id, doc.RootElement.GetProperty("summary").GetProperty("id").GetString());
        Assert.Equal(2, doc.RootElement.GetProperty("evidence").GetArrayLength());
        Assert.Equal(2 * 2 * 3, doc.RootElement.GetProperty("rounds").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("evidence")[0].GetProperty("evidence").TryGetProperty("forgettingChaudhry", out _));

        string file = Path.Combine(campaign.Scratch.Folder, "show.json");
        var (fileCode, withTables) = campaign.Run(["show", campaign.Id, .. Store, "--json", file]);
        Assert.True(fileCode == 0, withTables);
        Assert.Contains("Evidence per arm", withTables);
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(campaign.Id, written.RootElement.GetProperty("summary").GetProperty("id").GetString());
    }

    [Fact]
    public void Replay_AndCounterfactual_Fit_AndJsonHoldsEachDecisionAgainstItsReDerivation()
    {
        string audit = Fits(["replay", campaign.Id, .. Store]);
        Assert.Contains("audit passed", audit);
        string strict = Path.Combine(campaign.Scratch.Folder, "strict.json");
        File.WriteAllText(strict, """{ "startWidth": 16, "capWidth": 32, "minimumGain": 1.0, "returnThreshold": 0, "useForecast": false }""");
        Fits(["replay", campaign.Id, "--policy", strict, .. Store]);

        var (code, json) = campaign.Run(["replay", campaign.Id, .. Store, "--json"]);
        Assert.True(code == 0, json);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement a = doc.RootElement.GetProperty("audit");
        Assert.True(a.GetProperty("passed").GetBoolean());
        JsonElement step = Assert.Single(a.GetProperty("decisions").EnumerateArray());
        Assert.True(step.GetProperty("identical").GetBoolean());
        Assert.Equal(step.GetProperty("recorded").GetProperty("action").GetString(), step.GetProperty("replayed").GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("counterfactual").ValueKind);

        var (cfCode, cfJson) = campaign.Run(["replay", campaign.Id, "--policy", strict, .. Store, "--json"]);
        Assert.True(cfCode == 0, cfJson);
        using JsonDocument cf = JsonDocument.Parse(cfJson);
        JsonElement stage = Assert.Single(cf.RootElement.GetProperty("counterfactual").GetProperty("stages").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(stage.GetProperty("wouldDecide").GetString()));
        Assert.False(string.IsNullOrEmpty(stage.GetProperty("decision").GetProperty("explanation").GetString()));
    }

    [Fact]
    public void Report_Fits_AndJsonSaysWhereAndWhat()
    {
        string folder = Path.Combine(campaign.Scratch.Folder, "report");
        Fits(["report", campaign.Id, "--out", folder, .. Store]);

        var (code, json) = campaign.Run(["report", campaign.Id, "--out", folder, .. Store, "--json"]);
        Assert.True(code == 0, json);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(campaign.Id, doc.RootElement.GetProperty("campaignId").GetString());
        Assert.Contains("report.md", doc.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Single(doc.RootElement.GetProperty("decisions").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("audit").GetProperty("passed").GetBoolean());
        Assert.Equal(2, doc.RootElement.GetProperty("chosenAccuracy").GetArrayLength());
    }

    [Fact]
    public void Verify_AndScenarios_Fit()
    {
        Fits(["verify", .. Store]);
        Fits(["verify", campaign.Id, .. Store]);
        Fits(["scenarios"]);
    }
}
