using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace WidthRetrain.Dashboard.Tests;

/// <summary>
/// The pages in headless Chromium (Debian's package, driven by PuppeteerSharp): the list, a campaign's page, the replay
/// button, and a live update while a campaign runs. A screenshot of every page goes to <see cref="Screenshots.Directory"/>.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly WaitForSelectorOptions Visible = new() { Timeout = 20_000 };

    private async Task<IPage> OpenAsync(string path)
    {
        IBrowser browser = await fixture.BrowserAsync();
        IPage page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e.Message);
        page.Console += (_, e) =>
        {
            // A failed request is checked by its response below (with its URL); the refusals the tests provoke are HTTP 400.
            if (e.Message.Type == ConsoleType.Error && !e.Message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(e.Message.Text);
        };
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400 && (int)e.Response.Status != 400) errors.Add($"{e.Response.Url}: HTTP {(int)e.Response.Status}");
        };
        IResponse response = await page.GoToAsync(new Uri(fixture.BaseUrl, path).ToString(), WaitUntilNavigation.DOMContentLoaded);
        Assert.True(response.Ok, $"{path}: HTTP {response.Status}");
        pageErrors[page] = errors;
        return page;
    }

    private readonly Dictionary<IPage, List<string>> pageErrors = [];

    private async Task ScreenshotAsync(IPage page, string name)
    {
        string path = Screenshots.PathOf(name);
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        output.WriteLine($"screenshot: {path}");
        Assert.Empty(pageErrors[page]); // no script error on the page
    }

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s).textContent", selector);

    [Fact]
    public async Task CampaignsPage_ListsTheRecordedCampaign()
    {
        await using IPage page = await OpenAsync("/");
        await page.WaitForSelectorAsync($"#campaigns tr[data-id='{fixture.CampaignId}']", Visible);
        string row = await TextAsync(page, $"#campaigns tr[data-id='{fixture.CampaignId}']");
        Assert.Contains(fixture.CampaignName, row);
        Assert.Contains("completed", row);
        Assert.Contains("8/8", row);
        await ScreenshotAsync(page, "campaigns");
    }

    [Fact]
    public async Task CampaignPage_ShowsDecisionTimeline_WidthCurve_HeatMap_AndRoundStreams()
    {
        await fixture.BrowserAsync(); // started before the clock: the load time is the page's, not the browser's start
        var clock = Stopwatch.StartNew();
        await using IPage page = await OpenAsync($"/campaigns/{fixture.CampaignId}");
        await page.WaitForSelectorAsync("#decisions .card.decision p strong", Visible);
        await page.WaitForSelectorAsync("#width-curve-svg .point", Visible);
        await page.WaitForSelectorAsync("#heatmap-svg rect.cell", Visible);
        await page.WaitForSelectorAsync("#rounds a.stream", Visible);
        double loaded = clock.Elapsed.TotalMilliseconds;
        output.WriteLine($"campaign page load (navigation to decisions, curve, heat map and rounds drawn): {loaded:0} ms");

        Assert.StartsWith("8/8 rounds", await TextAsync(page, "#progress"));
        Assert.Equal("completed", await TextAsync(page, "#status"));
        Assert.Matches("(stop at|widen to) ", await TextAsync(page, "#decisions .card.decision"));
        Assert.Contains("gain (less forgetting)", await TextAsync(page, "#decisions .card.decision"));
        Assert.Equal(2, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#width-curve-svg .point').length"));
        Assert.NotNull(await page.QuerySelectorAsync("#width-curve-svg path.fit"));
        Assert.Contains("log-linear", await TextAsync(page, "#curve-fit"));
        Assert.Equal(4, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#heatmap-svg rect.cell').length"));
        Assert.Equal(8, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#rounds a.stream').length"));
        await ScreenshotAsync(page, "campaign");

        // A round's stream: its events with their hashes, as JSON.
        string href = await page.EvaluateExpressionAsync<string>("document.querySelector('#rounds a.stream').href");
        await using IPage stream = await OpenAsync(new Uri(href).PathAndQuery);
        string json = await stream.EvaluateExpressionAsync<string>("document.body.innerText");
        Assert.Equal(4, JsonDocument.Parse(json).RootElement.GetProperty("events").GetArrayLength());
        await ScreenshotAsync(stream, "round-stream");
    }

    [Fact]
    public async Task ReplayButton_ShowsAPassingAudit_AndTheCounterfactualFormNamesABadField()
    {
        await using IPage page = await OpenAsync($"/campaigns/{fixture.CampaignId}");
        await page.WaitForSelectorAsync("#decisions .card.decision", Visible);
        await page.ClickAsync("#replay-button");
        await page.WaitForSelectorAsync("#replay-result.pass, #replay-result.fail", Visible);
        string verdict = await TextAsync(page, "#replay-result");
        Assert.StartsWith("audit passed:", verdict);
        Assert.Contains("identical", await TextAsync(page, "#replay-steps"));

        await page.TypeAsync("#cf-policy", """{ "startWidth": 16, "capWidth": 32, "minimumGain": "much" }""");
        await page.ClickAsync("#cf-button");
        await page.WaitForSelectorAsync("#cf-result.fail", Visible);
        Assert.Equal("policy.minimumGain: must be a number", await TextAsync(page, "#cf-result"));

        await page.EvaluateExpressionAsync("document.getElementById('cf-policy').value = ''");
        await page.TypeAsync("#cf-policy", """{ "startWidth": 16, "capWidth": 32, "minimumGain": 1.0, "returnThreshold": 0, "useForecast": false }""");
        await page.ClickAsync("#cf-button");
        await page.WaitForSelectorAsync("#cf-steps table", Visible);
        Assert.Contains("no round is trained", await TextAsync(page, "#cf-result"));
        Assert.Contains("stop at 16", await TextAsync(page, "#cf-steps"));
        await ScreenshotAsync(page, "replay");
    }

    [Fact]
    public async Task LiveUpdate_ArrivesWithoutReload_WhileACampaignRuns()
    {
        var total = Stopwatch.StartNew();
        string name = "live-" + Guid.NewGuid().ToString("N")[..6];
        using Process run = CliRunner.Start(fixture.Scratch.Environment, fixture.RunArguments(name, "live"));
        Task<string> runOutput = run.StandardOutput.ReadToEndAsync();
        Task<string> runErrors = run.StandardError.ReadToEndAsync();
        try
        {
            string id = await RunningCampaignAsync(name, run, runErrors);
            await using IPage page = await OpenAsync($"/campaigns/{id}");
            await page.WaitForFunctionAsync("() => /^\\d+\\/\\d+ rounds/.test(document.getElementById('progress').textContent)", new WaitForFunctionOptions { Timeout = 20_000 });
            // A marker on the window: a reload would lose it.
            await page.EvaluateExpressionAsync("window.notReloaded = true");
            string first = await TextAsync(page, "#progress");
            var clock = Stopwatch.StartNew();
            await page.WaitForFunctionAsync("t => document.getElementById('progress').textContent !== t", new WaitForFunctionOptions { Timeout = 60_000 }, first);
            string next = await TextAsync(page, "#progress");
            output.WriteLine($"progress changed from '{first}' to '{next}' after {clock.Elapsed.TotalSeconds:0.0} s on the page");
            Assert.True(await page.EvaluateExpressionAsync<bool>("window.notReloaded === true"), "the page reloaded");
            Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('live').textContent === 'live' || document.getElementById('live').textContent === 'finished'"));
            await ScreenshotAsync(page, "campaign-live");

            // Let it finish, so every update of the run is measured: from the record's time of progress to the page's.
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(90)), "the live campaign did not finish in 90 s");
            await page.WaitForFunctionAsync("() => document.getElementById('live').textContent === 'finished'", new WaitForFunctionOptions { Timeout = 15_000 });
            Assert.Equal(0, run.ExitCode);
            double[] latencies = await page.EvaluateExpressionAsync<double[]>(
                "window.dashboardLive.slice(1).map(u => u.receivedAt - u.progressAt)");
            Assert.NotEmpty(latencies);
            Array.Sort(latencies);
            output.WriteLine($"SSE update latency (record's progress time to the page's receipt, {latencies.Length} updates): median {latencies[latencies.Length / 2]:0} ms, max {latencies[^1]:0} ms (poll interval 1000 ms)");
            Assert.True(latencies[^1] < 5_000, $"an update took {latencies[^1]:0} ms to reach the page");
            Assert.StartsWith("8/8 rounds", await TextAsync(page, "#progress"));
            await ScreenshotAsync(page, "campaign-live-finished");
            output.WriteLine($"live test: {total.Elapsed.TotalSeconds:0.0} s including the campaign");
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            output.WriteLine(await runOutput + await runErrors);
        }
    }

    /// <summary>The id of the campaign named <paramref name="name"/> once the dashboard lists it.</summary>
    private async Task<string> RunningCampaignAsync(string name, Process run, Task<string> errors)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var polls = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            if (run.HasExited) Assert.Fail("the campaign ended before the dashboard listed it: " + await errors);
            var clock = Stopwatch.StartNew();
            using JsonDocument list = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/campaigns"));
            polls.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {clock.ElapsedMilliseconds} ms {list.RootElement.GetArrayLength()} campaign(s)");
            foreach (JsonElement c in list.RootElement.EnumerateArray())
                if (c.GetProperty("name").GetString() == name)
                {
                    Assert.True(c.GetProperty("status").GetString() == "running", $"campaign {name} was {c.GetProperty("status")} when first listed; polls: {string.Join(", ", polls)}");
                    return c.GetProperty("id").GetString()!;
                }
            await Task.Delay(200);
        }
        throw new TimeoutException($"campaign {name} did not appear in 60 s");
    }
}
