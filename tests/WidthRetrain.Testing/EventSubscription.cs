using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using WidthRetrain.Contracts.Subscribing;

namespace WidthRetrain.Testing;

/// <summary>
/// What an integrator does, with the plain RabbitMQ client and no MassTransit: a queue of its own bound to a suite's
/// subscriber events exchange; each message is taken as JSON (MassTransit's envelope, its payload in "message").
/// Exclusive by default (gone with its connection); durable, it outlives a broker restart and the subscription
/// reconnects, as an integrator that must not miss an event would do.
/// </summary>
public sealed class EventSubscription : IAsyncDisposable
{
    private readonly string url;
    private readonly string queue;
    private readonly bool durable;
    private IConnection connection;
    private IChannel channel;

    private EventSubscription(string url, string queue, bool durable, IConnection connection, IChannel channel) =>
        (this.url, this.queue, this.durable, this.connection, this.channel) = (url, queue, durable, connection, channel);

    /// <param name="bindingKey">"#" for everything, "decision.made.*" for one kind, "*.*.{id}" for one campaign.</param>
    public static async Task<EventSubscription> OpenAsync(string url, string prefix, string bindingKey, bool durable = false)
    {
        var (connection, channel) = await ConnectAsync(url);
        string queue = $"integrator.{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: durable, exclusive: !durable, autoDelete: !durable);
        await channel.QueueBindAsync(queue, SubscriberEvents.ExchangeFor(prefix), bindingKey);
        return new EventSubscription(url, queue, durable, connection, channel);
    }

    private static async Task<(IConnection, IChannel)> ConnectAsync(string url)
    {
        IConnection connection = await new ConnectionFactory { Uri = new Uri(url), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync());
    }

    /// <summary>The next event (routing key and payload), or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<(string RoutingKey, JsonElement Message)?> TakeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            try
            {
                if (!channel.IsOpen) await ReconnectAsync();
                if (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
                    return (got.RoutingKey, JsonDocument.Parse(Encoding.UTF8.GetString(got.Body.Span)).RootElement.GetProperty("message").Clone());
            }
            catch (Exception e) when (durable && e is RabbitMQ.Client.Exceptions.RabbitMQClientException or RabbitMQ.Client.Exceptions.OperationInterruptedException
                                                     or System.Net.Sockets.SocketException or IOException)
            {
                // The broker is away: try again until the deadline; the durable queue keeps what arrives meanwhile.
            }
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        return null;
    }

    private async Task ReconnectAsync()
    {
        if (!durable) throw new InvalidOperationException($"the connection of the exclusive queue {queue} dropped; its events are gone");
        await channel.DisposeAsync();
        await connection.DisposeAsync();
        (connection, channel) = await ConnectAsync(url);
    }

    /// <summary>Events until one whose routing key starts with one of <paramref name="last"/> (included), or the timeout.</summary>
    public async Task<List<(string RoutingKey, JsonElement Message)>> TakeUntilAsync(TimeSpan timeout, params string[] last)
    {
        var deadline = DateTime.UtcNow + timeout;
        var taken = new List<(string, JsonElement)>();
        while (DateTime.UtcNow < deadline && await TakeAsync(deadline - DateTime.UtcNow) is { } e)
        {
            taken.Add(e);
            if (last.Any(l => e.RoutingKey.StartsWith(l + ".", StringComparison.Ordinal))) return taken;
        }
        throw new TimeoutException($"none of {string.Join(", ", last)} within {timeout}; heard {string.Join(", ", taken.Select(t => t.Item1))}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (durable && channel.IsOpen) await channel.QueueDeleteAsync(queue);
        }
        finally
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
