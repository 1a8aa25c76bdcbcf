using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WidthRetrain.Compute;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Data;

namespace WidthRetrain.Hosting.Tests;

/// <summary>The Compute and Storage sections: bound as options, every broken setting named when the host starts.</summary>
public class ComputeSettingsTests
{
    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWidthRetrainCompute(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public void ValidSettings_AreBoundFromTheirSections()
    {
        using IHost host = Host(new() { ["Compute:Threads"] = "1", ["Compute:Device"] = "CPU", ["Storage:CheckpointDirectory"] = "/tmp/x" });
        Assert.Equal(1, host.Services.GetRequiredService<ComputeOptions>().Threads);
        Assert.Equal("/tmp/x", host.Services.GetRequiredService<StorageOptions>().CheckpointDirectory);
    }

    [Fact]
    public async Task BrokenAndMovedSettings_StopTheStart_NamingEachOne()
    {
        using IHost host = Host(new()
        {
            ["Compute:Threads"] = "0",
            ["Compute:Device"] = "tpu",
            ["Compute:FirstRoundsGatherMilliseconds"] = "-5",
            ["Storage:Threads"] = "2",
            ["Storage:MinimumFreeBytes"] = "-1",
        });
        // Both sections fail: the host reports them together, and the service prints them on one line.
        string? message = ServiceHost.SettingsError(await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync()));
        Assert.NotNull(message);
        Assert.Contains("Compute:Threads: must be 1 to 1024 when given, got 0", message);
        Assert.Contains("Compute:Device: unknown value 'tpu'; allowed: auto, cpu, cuda", message);
        Assert.Contains("Compute:FirstRoundsGatherMilliseconds: must be 0 to 600000 (ms), got -5", message);
        Assert.Contains("Storage:Threads: moved to Compute:Threads (environment: Compute__Threads)", message);
        Assert.Contains("Storage:MinimumFreeBytes: must be 0 or more, got -1", message);
    }

    [Fact]
    public async Task AServiceThatCannotStart_SaysWhyOnOneLine_AndExitsWith2()
    {
        var error = new StringWriter();
        TextWriter before = Console.Error;
        Console.SetError(error);
        try
        {
            int code = await ServiceHost.RunAsync("trainer", async () =>
            {
                using IHost host = Host(new() { ["Compute:Device"] = "tpu" });
                await host.StartAsync();
            });
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(before);
        }
        string line = error.ToString().Split('\n').Single(l => l.StartsWith("trainer: cannot start:", StringComparison.Ordinal));
        Assert.Contains("Compute:Device: unknown value 'tpu'", line);
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void TheCoresExceptions_AreNamedRightInThePermanentList()
    {
        // The frame names them instead of referencing the core: a rename must fail here, not send bad data round the retry loop.
        Assert.True(PermanentFailures.IsPermanent(typeof(CheckpointIntegrityException).FullName));
        Assert.True(PermanentFailures.IsPermanent(typeof(DatasetFormatException).FullName));
        Assert.True(PermanentFailures.IsPermanent(new ArgumentNullException("x")));
        Assert.True(PermanentFailures.IsPermanent(new FileNotFoundException("x")));
        Assert.False(PermanentFailures.IsPermanent(new IOException("disk full")));
        // Retried as before (a half-written record on the shared volume reads fine a moment later); only its fault is final.
        Assert.False(PermanentFailures.IsPermanent(new System.Text.Json.JsonException("x")));
        Assert.True(PermanentFailures.IsPermanent(typeof(System.Text.Json.JsonException).FullName));
        Assert.False(PermanentFailures.IsPermanent(new InvalidOperationException("x")));
    }
}
