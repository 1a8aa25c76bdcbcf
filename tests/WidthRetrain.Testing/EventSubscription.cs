using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using WidthRetrain.Contracts.Subscribing;

namespace WidthRetrain.Testing;

/// <summary>
/// What an integrator does, with the plain RabbitMQ client and no MassTransit: a queue of its own bound to a suite's
/// subscriber events exchange; each message is taken as JSON (MassTransit's envelope, its payload in "message").
/// </summary>
public sealed class EventSubscription : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;

    private EventSubscription(IConnection connection, IChannel channel, string queue) => (this.connection, this.channel, this.queue) = (connection, channel, queue);

    /// <param name="bindingKey">"#" for everything, "decision.made.*" for one kind, "*.*.{id}" for one campaign.</param>
    public static async Task<EventSubscription> OpenAsync(string url, string prefix, string bindingKey)
    {
        IConnection connection = await new ConnectionFactory { Uri = new Uri(url) }.CreateConnectionAsync();
        IChannel channel = await connection.CreateChannelAsync();
        string queue = $"integrator.{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue, SubscriberEvents.ExchangeFor(prefix), bindingKey);
        return new EventSubscription(connection, channel, queue);
    }

    /// <summary>The next event (routing key and payload), or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<(string RoutingKey, JsonElement Message)?> TakeAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        do
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
                return (got.RoutingKey, JsonDocument.Parse(Encoding.UTF8.GetString(got.Body.Span)).RootElement.GetProperty("message").Clone());
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        return null;
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
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
