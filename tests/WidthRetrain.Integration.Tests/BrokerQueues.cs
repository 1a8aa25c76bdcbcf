using RabbitMQ.Client;

namespace WidthRetrain.Integration.Tests;

/// <summary>Direct looks at the broker's queues (the RabbitMQ client MassTransit itself uses).</summary>
public static class BrokerQueues
{
    /// <summary>Ready messages in a queue, or null when it does not exist.</summary>
    public static async Task<uint?> MessageCountAsync(string queue)
    {
        await using IConnection connection = await new ConnectionFactory { Uri = new Uri(TestInfrastructure.RabbitMq) }.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // passive declare of a missing queue closes the channel with 404
        }
    }

    /// <summary>Takes one message off a queue and returns its headers as text.</summary>
    public static async Task<IDictionary<string, string>> TakeHeadersAsync(string queue)
    {
        await using IConnection connection = await new ConnectionFactory { Uri = new Uri(TestInfrastructure.RabbitMq) }.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        BasicGetResult? result = await channel.BasicGetAsync(queue, autoAck: true)
            ?? throw new InvalidOperationException($"queue {queue} is empty");
        return (result.BasicProperties.Headers ?? new Dictionary<string, object?>()).ToDictionary(
            h => h.Key, h => h.Value is byte[] b ? System.Text.Encoding.UTF8.GetString(b) : h.Value?.ToString() ?? "");
    }

    public static async Task DeleteAsync(string queue)
    {
        await using IConnection connection = await new ConnectionFactory { Uri = new Uri(TestInfrastructure.RabbitMq) }.CreateConnectionAsync();
        await using IChannel channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }
}
