using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PuppeteerSharp;
using WidthRetrain.Dashboard;

namespace WidthRetrain.Dashboard.Tests;

/// <summary>
/// The dashboard served from this process on a free port, and one small staged campaign (widths 16 and 32, 2 tasks, 2
/// seeds, synthetic data) recorded by the CLI in a scratch schema of the real PostgreSQL, once for every test of the
/// collection, its page watched live in Debian's chromium while it runs.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Lazy<Task<IBrowser>> browser = new(LaunchAsync);

    public ScratchStore Scratch { get; } = new("dash");
    public string CampaignId { get; private set; } = "";
    public string CampaignName { get; } = "dash-" + Guid.NewGuid().ToString("N")[..6];
    public double RecordSeconds { get; private set; }
    public WebApplication App { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The policy of the recorded campaign: one stage, 16 against 32.</summary>
    public const string Policy = """{ "startWidth": 16, "growthFactor": 2, "capWidth": 32, "minimumGain": 0, "returnThreshold": 0, "confidence": 0.6, "useForecast": false }""";

    /// <summary>`widthretrain dashboard --port 0` on this store, started beside the campaign, and its first line of output.</summary>
    public Process? CliDashboard { get; private set; }

    public Task<string?> CliDashboardLine { get; private set; } = Task.FromResult<string?>(null);

    /// <summary>What the campaign page showed while the campaign ran (the browser tests assert on it).</summary>
    public LiveObservation Live { get; private set; } = new(Error: "not observed");

    /// <summary>The campaign page, opened while the campaign ran and kept open.</summary>
    public IPage? LivePage { get; private set; }

    /// <summary>
    /// The dashboard first, then the one campaign of the collection, recorded by the CLI in another process while its
    /// page is watched in Chromium: the live update is observed on the campaign every other test then reads.
    /// </summary>
    public async Task InitializeAsync()
    {
        App = await DashboardApp.StartEmbeddedAsync(TestInfrastructure.Postgres, Scratch.Schema, ["http://127.0.0.1:0"], TestInfrastructure.PostgresOwner,
            CancellationToken.None);
        BaseUrl = new Uri(App.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        // `widthretrain dashboard` starts beside the campaign (its test only reads its first line): it costs no extra wall
        // time. Without the owner's credentials (no local file either), it does not migrate the schema the campaign uses.
        string noCredentials = Directory.CreateDirectory(Path.Combine(Scratch.Folder, "no-credentials")).FullName;
        CliDashboard = CliRunner.Start(new Dictionary<string, string> { ["WIDTHRETRAIN_POSTGRES"] = TestInfrastructure.Postgres, ["WIDTHRETRAIN_CONFIG_DIR"] = noCredentials },
            ["dashboard", "--port", "0", .. Scratch.Options]);
        CliDashboardLine = CliDashboard.StandardOutput.ReadLineAsync();

        var clock = Stopwatch.StartNew();
        using Process run = CliRunner.Start(Scratch.Environment, RunArguments(CampaignName, "recorded"));
        Task<string> stdout = run.StandardOutput.ReadToEndAsync(), stderr = run.StandardError.ReadToEndAsync();
        try
        {
            Live = await ObserveAsync(run);
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(3)), "the campaign did not finish in 3 minutes");
            await run.WaitForExitAsync();
            Assert.True(run.ExitCode == 0, await stdout + await stderr);
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
        }
        RecordSeconds = clock.Elapsed.TotalSeconds;
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scratch.Folder, "recorded", "campaign.json")));
        CampaignId = doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
        if (LivePage is not null && Live.Error is null) Live = await FinishObservingAsync(Live, LivePage);
    }

    /// <summary>Opens the page of the running campaign and waits for its progress text to change; never throws (the browser tests report <see cref="LiveObservation.Error"/>).</summary>
    private async Task<LiveObservation> ObserveAsync(Process run)
    {
        try
        {
            IBrowser b = await BrowserAsync();
            string id = await RunningCampaignAsync(run);
            IPage page = await b.NewPageAsync();
            LivePage = page;
            await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
            await page.GoToAsync(new Uri(BaseUrl, $"/campaigns/{id}").ToString(), WaitUntilNavigation.DOMContentLoaded);
            await page.WaitForFunctionAsync("() => /^\\d+\\/\\d+ rounds/.test(document.getElementById('progress').textContent)", new WaitForFunctionOptions { Timeout = 30_000 });
            await page.EvaluateExpressionAsync("window.notReloaded = true"); // a reload would lose it
            string first = await page.EvaluateExpressionAsync<string>("document.getElementById('progress').textContent");
            var clock = Stopwatch.StartNew();
            await page.WaitForFunctionAsync("t => document.getElementById('progress').textContent !== t", new WaitForFunctionOptions { Timeout = 90_000 }, first);
            string changed = await page.EvaluateExpressionAsync<string>("document.getElementById('progress').textContent");
            double seconds = clock.Elapsed.TotalSeconds;
            await page.ScreenshotAsync(Screenshots.PathOf("campaign-live"), new ScreenshotOptions { FullPage = true });
            return new LiveObservation(first, changed, seconds, Reloaded: !await page.EvaluateExpressionAsync<bool>("window.notReloaded === true"));
        }
        catch (Exception e)
        {
            return new LiveObservation(Error: $"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>After the run: the page's final text and the delay of every update it received.</summary>
    private static async Task<LiveObservation> FinishObservingAsync(LiveObservation seen, IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.getElementById('live').textContent === 'finished'", new WaitForFunctionOptions { Timeout = 20_000 });
            await page.ScreenshotAsync(Screenshots.PathOf("campaign-live-finished"), new ScreenshotOptions { FullPage = true });
            // The first update is the state when the stream opened, not a change: its delay is not an update's.
            double[] latencies = await page.EvaluateExpressionAsync<double[]>("window.dashboardLive.slice(1).map(u => u.receivedAt - u.progressAt)");
            return seen with
            {
                Final = await page.EvaluateExpressionAsync<string>("document.getElementById('progress').textContent"),
                LiveText = await page.EvaluateExpressionAsync<string>("document.getElementById('live').textContent"),
                LatenciesMs = latencies,
                Reloaded = seen.Reloaded || !await page.EvaluateExpressionAsync<bool>("window.notReloaded === true"),
            };
        }
        catch (Exception e)
        {
            return seen with { Error = $"after the run: {e.GetType().Name}: {e.Message.Split('\n')[0]}" };
        }
    }

    /// <summary>The id of the fixture's campaign once the dashboard lists it (it must still be running).</summary>
    private async Task<string> RunningCampaignAsync(Process run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (run.HasExited) throw new InvalidOperationException("the campaign ended before the dashboard listed it");
            using JsonDocument list = JsonDocument.Parse(await Http.GetStringAsync("/api/campaigns"));
            foreach (JsonElement c in list.RootElement.EnumerateArray())
                if (c.GetProperty("name").GetString() == CampaignName)
                    return c.GetProperty("status").GetString() == "running"
                        ? c.GetProperty("id").GetString()!
                        : throw new InvalidOperationException($"the campaign was {c.GetProperty("status")} when first listed");
            await Task.Delay(200);
        }
        throw new TimeoutException("the campaign was not listed within 90 s");
    }

    /// <summary>The CLI's `run` arguments of a tiny staged campaign in this fixture's schema.</summary>
    public string[] RunArguments(string name, string folder)
    {
        string dir = Path.Combine(Scratch.Folder, folder);
        Directory.CreateDirectory(dir);
        string policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, Policy);
        return ["run", .. Scratch.Options, "--name", name, "--dataset", "synthetic", "--train-limit", "400", "--test-limit", "100", "--tasks", "2",
            "--seeds", "1,2", "--epochs", "1", "--policy", policy, "--checkpoints", Path.Combine(dir, "ckpt"), "--json", Path.Combine(dir, "campaign.json")];
    }

    public Task<IBrowser> BrowserAsync() => browser.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        // Not a skip: CI must have the browser (infra/test.sh installs it), or the dashboard is untested.
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"chromium is not installed ({ChromiumPath} missing): run infra/test.sh, which installs it, or `apt-get install -y chromium`");
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = ChromiumPath,
            // CI runs as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (CliDashboard is { HasExited: false }) CliDashboard.Kill(entireProcessTree: true);
        CliDashboard?.Dispose();
        if (LivePage is not null) await LivePage.DisposeAsync();
        if (browser.IsValueCreated && browser.Value.IsCompletedSuccessfully) await (await browser.Value).DisposeAsync();
        Http?.Dispose();
        if (App is not null) await App.DisposeAsync();
        await Scratch.DisposeAsync();
    }
}
