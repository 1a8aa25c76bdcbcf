using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Learning.Checkpoints;

namespace WidthRetrain.Hosting.Tests;

/// <summary>Configuration that cannot silently go wrong, checkpoint paths that cannot escape, nothing that calls home.</summary>
public class ServiceFrameTests
{
    [Theory]
    [InlineData(null, "amqp://u:p@127.0.0.1:5672/v", "RabbitMq")]
    [InlineData("RabbitMq", "amqp://u:p@127.0.0.1:5672/v", "RabbitMq")]
    [InlineData("inmemory", null, "InMemory")]
    public void TheTransport_IsWhatTheSettingsSay(string? transport, string? url, string expected) =>
        Assert.Equal(expected, new BusOptions { Transport = transport, RabbitMqUrl = url }.ResolveTransport());

    [Theory]
    [InlineData(null, null, "Bus:Transport: not set, and no Bus:RabbitMqUrl")]
    [InlineData("RabbitMq", null, "Bus:RabbitMqUrl: required")]
    [InlineData("InMemory", "amqp://u:p@127.0.0.1:5672/v", "contradicts Bus:RabbitMqUrl")]
    [InlineData("Kafka", null, "Bus:Transport: unknown value 'Kafka'; allowed: InMemory, RabbitMq")]
    public void AMissingOrContradictoryTransport_IsAnErrorAtStart_NeverAFallback(string? transport, string? url, string error) =>
        Assert.Contains(error, Assert.Throws<ArgumentException>(() => new BusOptions { Transport = transport, RabbitMqUrl = url }.ResolveTransport()).Message);

    [Theory]
    [InlineData(-1, 5, "Bus:RetryLimit: must be 0 to 20, got -1")]
    [InlineData(4, 101, "Bus:DeliveryLimit: must be 0 to 100 (0: classic queues), got 101")]
    public void RetryCountsOutOfRange_AreAnErrorAtStart(int retries, int deliveries, string error) =>
        Assert.Equal(error, Assert.Throws<ArgumentException>(() =>
            new BusOptions { Transport = "InMemory", RetryLimit = retries, DeliveryLimit = deliveries }.ResolveTransport()).Message);

    [Fact]
    public void ServicesReadTheirOwnSettings_WhereverTheyAreStartedFrom()
    {
        string before = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetTempPath());
        try
        {
            Assert.Equal(AppContext.BaseDirectory.TrimEnd('/'), ServiceHost.CreateBuilder([]).Environment.ContentRootPath.TrimEnd('/'));
        }
        finally
        {
            Directory.SetCurrentDirectory(before);
        }
    }

    [Fact]
    public void EachServiceReadsTheSettingsFileNamedAfterIt_AndArgumentsOverrideIt()
    {
        // One folder holds every service (the Docker image, the CLI's output): the file is {entry assembly}.appsettings.json.
        string name = System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name!;
        string file = Path.Combine(AppContext.BaseDirectory, $"{name}.appsettings.json");
        File.WriteAllText(file, """{ "Probe": { "FromFile": "file", "Overridden": "file" } }""");
        try
        {
            var configuration = ServiceHost.CreateBuilder(["--Probe:Overridden=argument"]).Configuration;
            Assert.Equal("file", configuration["Probe:FromFile"]);
            Assert.Equal("argument", configuration["Probe:Overridden"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MassTransitUsageTelemetry_IsOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" }).Build();
        using ServiceProvider provider = new ServiceCollection().AddLogging().AddWidthRetrainBus(configuration, _ => { }).BuildServiceProvider();
        Assert.False(provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../../etc/passwd")]
    [InlineData("campaign/../../outside.ckpt")]
    [InlineData("")]
    public void ACheckpointPathThatWouldLeaveTheStore_IsRefusedForGood(string path)
    {
        var e = Assert.Throws<PermanentFailureException>(() => CheckpointDirectory.Confined(Path.GetTempPath(), path));
        Assert.StartsWith("checkpoint path", e.Message);
        Assert.EndsWith("x/seed-1/task-0.ckpt", CheckpointDirectory.Confined(Path.GetTempPath(), "x/seed-1/task-0.ckpt"));
    }

    [Fact]
    public void AFullCheckpointStore_RefusesTheRound_Transiently()
    {
        var store = new CheckpointDirectory(new StorageOptions { CheckpointDirectory = Path.GetTempPath(), MinimumFreeBytes = long.MaxValue / 2 });
        var e = Assert.Throws<IOException>(() => store.EnsureRoomFor(1));
        Assert.Contains("run `widthretrain prune`", e.Message);
        Assert.False(PermanentFailures.IsPermanent(typeof(IOException).FullName)); // tried again later, not failed at once
        new CheckpointDirectory(new StorageOptions { CheckpointDirectory = Path.GetTempPath(), MinimumFreeBytes = 0 }).EnsureRoomFor(1);
    }

    [Fact]
    public void DurableWrites_LeaveTheWholeFileOrTheOldOne_AndNoTemporaryFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "durable-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(dir, "record.json");
        DurableFile.Write(path, s => s.Write("first"u8));
        Assert.Throws<InvalidOperationException>(() => DurableFile.Write(path, _ => throw new InvalidOperationException("crash mid-write")));
        Assert.Equal("first", File.ReadAllText(path));
        Parallel.For(0, 8, i => DurableFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes($"writer {i}"))));
        Assert.StartsWith("writer ", File.ReadAllText(path));
        Assert.Equal(["record.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("WidthRetrain.Hosting.Messaging.PermanentFailureException", true)]
    [InlineData("WidthRetrain.Learning.Checkpoints.CheckpointIntegrityException", true)]
    [InlineData("System.ArgumentOutOfRangeException", true)]
    [InlineData("Npgsql.NpgsqlException", false)]
    [InlineData("System.InvalidOperationException", false)]
    [InlineData(null, false)]
    public void FaultsAreClassed_PermanentOrTransient(string? type, bool permanent) => Assert.Equal(permanent, PermanentFailures.IsPermanent(type));
}
