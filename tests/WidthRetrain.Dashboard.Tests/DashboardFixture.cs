using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using PuppeteerSharp;
using WidthRetrain.Dashboard;

namespace WidthRetrain.Dashboard.Tests;

/// <summary>
/// One small staged campaign (widths 16 and 32, 2 tasks, 2 seeds, synthetic data) recorded by the CLI in a scratch schema
/// of the real PostgreSQL, once for every test of the collection; the dashboard served from this process on a free port;
/// and Debian's chromium, started on first use.
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

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        CampaignId = await Task.Run(() => RecordCampaign(CampaignName, "recorded"));
        RecordSeconds = clock.Elapsed.TotalSeconds;
        App = await DashboardApp.StartEmbeddedAsync(TestInfrastructure.Postgres, Scratch.Schema, ["http://127.0.0.1:0"], null, CancellationToken.None);
        BaseUrl = new Uri(App.Urls.First());
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
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

    private string RecordCampaign(string name, string folder)
    {
        var (code, output) = CliRunner.Run(Scratch.Environment, RunArguments(name, folder));
        Assert.True(code == 0, output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scratch.Folder, folder, "campaign.json")));
        return doc.RootElement.GetProperty("summary").GetProperty("id").GetString()!;
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
        if (browser.IsValueCreated && browser.Value.IsCompletedSuccessfully) await (await browser.Value).DisposeAsync();
        Http?.Dispose();
        if (App is not null) await App.DisposeAsync();
        await Scratch.DisposeAsync();
    }
}
