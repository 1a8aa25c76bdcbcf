using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using MassTransit;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Integration.Tests;

/// <summary>
/// Nothing contacts a host the user did not configure: during a whole campaign on the real broker and database, the
/// process resolves no host name but those of its database and broker and makes no HTTP request (MassTransit's usage
/// telemetry would do both). It listens to the whole process, so it runs alone: another test's own configured hosts (the
/// unreachable Seq of <see cref="ServiceHostTests"/>) would otherwise show up here.
/// </summary>
[Collection(Alone)]
public sealed class NoCallsHomeTests : IAsyncLifetime
{
    public const string Alone = "listens to the whole process";

    private readonly SuiteFixture suite = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await suite.DisposeAsync();

    [Fact]
    public async Task ACampaign_ResolvesNoHostName_AndMakesNoHttpRequest()
    {
        using var network = new NetworkListener();
        // The listener does see this process's lookups (else an empty list would prove nothing).
        await System.Net.Dns.GetHostAddressesAsync("localhost");
        Assert.Contains("localhost", network.Resolved);
        await suite.StartSuiteAsync();
        var id = NewId.NextGuid();
        await suite.Bus.Publish(new Contracts.Campaigns.StartCampaign(id, Campaigns.Small([16], [1], tasks: 2)));
        CampaignSummary summary = await Campaigns.WaitForEndAsync(suite.Store, id, TimeSpan.FromMinutes(2));
        await suite.DisposeAsync(); // telemetry would report at shutdown, too
        Assert.Equal(CampaignStatus.Completed, summary.Status);
        // Loopback, or the database and broker hosts the tests were given (compose's "postgres" and "rabbitmq").
        string[] configured = ["localhost", "127.0.0.1", "::1",
            new Npgsql.NpgsqlConnectionStringBuilder(TestInfrastructure.Postgres).Host ?? "", new Uri(TestInfrastructure.RabbitMq).Host];
        Assert.DoesNotContain(network.Resolved, h => !configured.Contains(h));
        Assert.Empty(network.HttpRequests);
    }

    /// <summary>Listens to .NET's own networking events: name resolutions and outgoing HTTP requests of this process.</summary>
    private sealed class NetworkListener : EventListener
    {
        public ConcurrentBag<string> Resolved { get; } = [];
        public ConcurrentBag<string> HttpRequests { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name is "System.Net.NameResolution" or "System.Net.Http") EnableEvents(source, EventLevel.Informational);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventSource.Name == "System.Net.NameResolution" && e.EventName == "ResolutionStart")
                Resolved.Add(e.Payload?.FirstOrDefault()?.ToString() ?? "?");
            else if (e.EventSource.Name == "System.Net.Http" && e.EventName == "RequestStart")
                HttpRequests.Add(string.Join(" ", e.Payload ?? []));
        }
    }
}
