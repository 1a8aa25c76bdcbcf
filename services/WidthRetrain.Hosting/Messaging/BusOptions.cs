namespace WidthRetrain.Hosting.Messaging;

/// <summary>The "Bus" configuration section: which transport, where, and how consumers retry.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";

    /// <summary>InMemory (every service in one process) or RabbitMq (deployed services).</summary>
    public string Transport { get; set; } = InMemory;

    /// <summary>amqp://user:password@host:port/vhost; required for RabbitMq. No default credentials.</summary>
    public string? RabbitMqUrl { get; set; }

    /// <summary>Prefixed to every queue name, to keep test runs or tenants apart on one broker.</summary>
    public string? EndpointPrefix { get; set; }

    /// <summary>Attempts after the first before a message goes to its _error queue.</summary>
    public int RetryLimit { get; set; } = 4;

    /// <summary>Delete queues when the last consumer disconnects (tests).</summary>
    public bool AutoDeleteQueues { get; set; }
}
