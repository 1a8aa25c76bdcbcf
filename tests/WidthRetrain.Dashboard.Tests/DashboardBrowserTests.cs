using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace WidthRetrain.Dashboard.Tests;

/// <summary>
/// The pages in headless Chromium (Debian's package, driven by PuppeteerSharp): the list, a campaign's page, the replay
/// button, and the live update the fixture watched while its campaign ran. A screenshot of every page goes to <see cref="Screenshots.Directory"/>.
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
        Assert.Null(await page.QuerySelectorAsync("#width-curve-svg path.fit")); // a law only when it beats a flat line
        Assert.Contains("no width trend distinguishable", await TextAsync(page, "#curve-fit"));
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
    public async Task LiveUpdate_ArrivedWithoutReload_WhileTheCampaignRan()
    {
        await fixture.BrowserAsync(); // fails with the one-line install hint when chromium is missing
        LiveObservation live = fixture.Live;
        Assert.True(live.Error is null, $"the campaign page was not observed while the campaign ran: {live.Error}");
        output.WriteLine($"progress changed from '{live.First}' to '{live.Changed}' {live.SecondsToChange:0.0} s after the page opened, without reload");
        Assert.NotEqual(live.First, live.Changed);
        Assert.False(live.Reloaded, "the page reloaded");
        Assert.StartsWith("8/8 rounds", live.Final);
        Assert.Equal("finished", live.LiveText);
        double[] latencies = [.. live.LatenciesMs!.Order()];
        Assert.NotEmpty(latencies);
        output.WriteLine($"SSE update latency (record's progress time to the page's receipt, {latencies.Length} updates): median {latencies[latencies.Length / 2]:0} ms, max {latencies[^1]:0} ms (poll interval 1000 ms)");
        Assert.True(latencies[^1] < 5_000, $"an update took {latencies[^1]:0} ms to reach the page");
        output.WriteLine($"campaign recorded (and watched) in {fixture.RecordSeconds:0.0} s");
        output.WriteLine($"screenshot: {Screenshots.PathOf("campaign-live")}");
        output.WriteLine($"screenshot: {Screenshots.PathOf("campaign-live-finished")}");
        Assert.True(File.Exists(Screenshots.PathOf("campaign-live")));
    }
}
