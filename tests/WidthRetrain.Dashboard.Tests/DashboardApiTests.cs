using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit.Abstractions;

namespace WidthRetrain.Dashboard.Tests;

/// <summary>The JSON API on the campaign the fixture recorded, served by Kestrel on a free port.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private HttpClient Http => fixture.Http;
    private string Base => $"/api/campaigns/{fixture.CampaignId}";

    private async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage r = await Http.GetAsync(path);
        string body = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object? body = null)
    {
        using HttpResponseMessage r = body is null ? await Http.PostAsync(path, null) : await Http.PostAsJsonAsync(path, body);
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task CampaignsList_ShowsTheRecordedCampaign_WithStatusProgressTimesAndChosenWidth()
    {
        output.WriteLine($"campaign recorded in {fixture.RecordSeconds:0.0} s");
        JsonElement list = await GetAsync("/api/campaigns");
        JsonElement c = list.EnumerateArray().Single(e => e.GetProperty("id").GetString() == fixture.CampaignId);
        Assert.Equal(fixture.CampaignName, c.GetProperty("name").GetString());
        Assert.Equal("completed", c.GetProperty("status").GetString());
        Assert.Equal(8, c.GetProperty("roundsTotal").GetInt32());
        Assert.Equal(8, c.GetProperty("roundsDone").GetInt32());
        Assert.Equal(1.0, c.GetProperty("progress").GetDouble());
        Assert.True(c.GetProperty("finishedAt").GetDateTimeOffset() >= c.GetProperty("startedAt").GetDateTimeOffset());
        int chosen = c.GetProperty("chosenWidth").GetInt32();
        Assert.Contains(chosen, new[] { 16, 32 });
        Assert.Equal($"w{chosen}", c.GetProperty("chosen").GetString());
    }

    [Fact]
    public async Task CampaignEndpoints_GiveDecisionsWithEvidence_WidthCurve_AccuracyMatrices_AndRoundStreamsWithHashes()
    {
        JsonElement detail = await GetAsync(Base);
        Assert.Equal("completed", detail.GetProperty("campaign").GetProperty("status").GetString());
        Assert.Single(detail.GetProperty("decisions").EnumerateArray());

        JsonElement decision = (await GetAsync($"{Base}/decisions")).EnumerateArray().Single();
        Assert.Equal("w16", decision.GetProperty("incumbent").GetString());
        Assert.Equal("w32", decision.GetProperty("candidate").GetString());
        Assert.Matches("^(stop at|widen to) ", decision.GetProperty("step").GetString());
        JsonElement n = decision.GetProperty("numbers");
        double gain = n.GetProperty("gain").GetDouble();
        Assert.InRange(gain, n.GetProperty("gainLow").GetDouble(), n.GetProperty("gainHigh").GetDouble());
        Assert.Equal(0, n.GetProperty("returnThreshold").GetDouble());
        Assert.True(decision.GetProperty("evidenceEvents").GetInt32() > 0);

        JsonElement curve = await GetAsync($"{Base}/width-curve");
        Assert.Equal([16, 32], curve.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("width").GetInt32()).Order());
        // Two widths leave no degree of freedom to test a slope: no law is drawn, and the page says why (as the report does).
        Assert.Equal(JsonValueKind.Null, curve.GetProperty("fit").ValueKind);
        Assert.StartsWith("flat: no width trend distinguishable", curve.GetProperty("note").GetString());

        JsonElement matrices = await GetAsync($"{Base}/accuracy");
        Assert.Equal(2, matrices.GetArrayLength());
        foreach (JsonElement m in matrices.EnumerateArray())
        {
            Assert.Equal(2, m.GetProperty("seeds").GetInt32());
            double[] cells = [.. m.GetProperty("cells").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble())];
            Assert.Equal(4, cells.Length);
            Assert.All(cells, v => Assert.InRange(v, 0, 1));
        }

        JsonElement rounds = await GetAsync($"{Base}/rounds");
        Assert.Equal(8, rounds.GetArrayLength());
        string link = rounds[0].GetProperty("events").GetString()!;
        JsonElement stream = await GetAsync(link);
        JsonElement[] events = [.. stream.GetProperty("events").EnumerateArray()];
        Assert.Equal(["RoundScheduled", "RoundTrained", "RoundEvaluated", "RoundCosted"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("hash").GetString()));
        for (int i = 1; i < events.Length; i++) Assert.Equal(events[i - 1].GetProperty("hash").GetString(), events[i].GetProperty("previous").GetString());
    }

    [Fact]
    public async Task Replay_VerifiesAndReDerivesEveryDecision_CounterfactualDecidesAgain_BadJsonNamesTheField()
    {
        var (status, audit) = await PostAsync($"{Base}/replay");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(audit.GetProperty("passed").GetBoolean(), audit.ToString());
        Assert.StartsWith("audit passed:", audit.GetProperty("line").GetString());
        Assert.All(audit.GetProperty("decisions").EnumerateArray(), d => Assert.True(d.GetProperty("identical").GetBoolean()));
        Assert.Single(audit.GetProperty("decisions").EnumerateArray());

        // A gain of 100 points is out of reach: the other policy stops where the recorded one may have widened.
        var (cfStatus, cf) = await PostAsync($"{Base}/counterfactual", new { policy = """{ "startWidth": 16, "capWidth": 32, "minimumGain": 1.0, "returnThreshold": 0, "useForecast": false }""" });
        Assert.Equal(HttpStatusCode.OK, cfStatus);
        Assert.Contains("no round is trained", cf.GetProperty("line").GetString());
        JsonElement step = cf.GetProperty("steps").EnumerateArray().Single();
        Assert.StartsWith("stop at 16", step.GetProperty("wouldDecide").GetString());

        var (pStatus, repriced) = await PostAsync($"{Base}/counterfactual", new { prices = """{ "currency": "EUR", "deviceHourPrice": { "cpu": 50 }, "powerDrawWatts": { "cpu": 65 }, "energyPricePerKwh": 0.3, "co2GramsPerKwh": null, "servingDevice": "cpu", "servingGflopsPerSecond": 20 }""" });
        Assert.Equal(HttpStatusCode.OK, pStatus);
        Assert.Equal("EUR", repriced.GetProperty("currency").GetString());

        await Refused(new { policy = """{ "minimumGain": "half a point" }""" }, "policy.minimumGain: must be a number");
        await Refused(new { policy = """{ "startWidth": 0 }""" }, "policy.startWidth: must be 1 to 65536, got 0");
        await Refused(new { policy = """{ "minimumGain": 0.1, "colour": "blue" }""" }, "policy.colour");
        await Refused(new { prices = """{ "currency": "EUR" }""" }, "prices: ", "'deviceHourPrice'");
        await Refused(new { policy = "{ not json" }, "policy");
        await Refused(new { policy = "", prices = "" }, "policy, prices: paste another policy or another price book (JSON)");
    }

    private async Task Refused(object body, params string[] expected)
    {
        var (status, error) = await PostAsync($"{Base}/counterfactual", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        string line = error.GetProperty("error").GetString()!;
        Assert.DoesNotContain('\n', line);
        foreach (string e in expected) Assert.Contains(e, line);
    }

    [Fact]
    public async Task UnknownCampaign_IsOneLineNotFound()
    {
        Guid other = Guid.NewGuid();
        foreach (string path in new[] { $"/api/campaigns/{other}", $"/api/campaigns/{other}/decisions", $"/api/campaigns/{other}/events" })
        {
            using HttpResponseMessage r = await Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal($"id: no campaign {other}", JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task Events_PushTheSummary_ThenEndForAFinishedCampaign()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using HttpResponseMessage r = await Http.GetAsync($"{Base}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", r.Content.Headers.ContentType?.MediaType);
        string text = await r.Content.ReadAsStringAsync(cancel.Token);
        Assert.Contains("event: summary", text);
        Assert.Contains(fixture.CampaignId, text);
        Assert.EndsWith("event: end\ndata: {}\n\n", text);
    }

    [Fact]
    public async Task NoPageOrApiShowsCredentials_AndNothingIsAppended()
    {
        string password = new NpgsqlConnectionStringBuilder(TestInfrastructure.Postgres).Password ?? "";
        Assert.NotEqual("", password);
        long before = await EventCountAsync();
        string[] gets = ["/", $"/campaigns/{fixture.CampaignId}", "/api/campaigns", Base, $"{Base}/decisions", $"{Base}/width-curve", $"{Base}/accuracy", $"{Base}/rounds", "/health"];
        var bodies = new List<string>();
        foreach (string path in gets) bodies.Add(await Http.GetStringAsync(path));
        bodies.Add((await PostAsync($"{Base}/replay")).Body.ToString());
        bodies.Add((await PostAsync($"{Base}/counterfactual", new { policy = """{ "minimumGain": 1 }""" })).Body.ToString());
        foreach (string body in bodies)
        {
            Assert.DoesNotContain(password, body);
            Assert.DoesNotContain("Password=", body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task WidthretrainDashboard_PrintsItsUrlInOneLine_AndServesTheSameStore()
    {
        // Started by the fixture beside the campaign; here only its first line and one request.
        string? line = await fixture.CliDashboardLine.WaitAsync(TimeSpan.FromSeconds(60));
        Match url = Regex.Match(line ?? "", @"^Dashboard: (http://127\.0\.0\.1:\d+) \(schema .*; Ctrl-C stops it\)$");
        Assert.True(url.Success, line);
        output.WriteLine($"`widthretrain dashboard` printed: {line}");
        using var http = new HttpClient();
        Assert.Contains(fixture.CampaignId, await http.GetStringAsync(url.Groups[1].Value + "/api/campaigns"));
    }

    private async Task<long> EventCountAsync()
    {
        await using var c = new NpgsqlConnection(TestInfrastructure.PostgresOwner);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {fixture.Scratch.Schema}.mt_events", c);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
