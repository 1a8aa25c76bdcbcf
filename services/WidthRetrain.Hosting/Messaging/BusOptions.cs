namespace WidthRetrain.Hosting.Messaging;

/// <summary>The "Bus" configuration section: which transport, where, and how consumers retry.</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";

    /// <summary>
    /// InMemory (every service in one process) or RabbitMq (deployed services). Unset: RabbitMq when
    /// <see cref="RabbitMqUrl"/> is given, else an error; a deployed service never falls back to a bus of its own.
    /// </summary>
    public string? Transport { get; set; }

    /// <summary>amqp://user:password@host:port/vhost; required for RabbitMq. No default credentials.</summary>
    public string? RabbitMqUrl { get; set; }

    /// <summary>Prefixed to every queue name, to keep test runs or tenants apart on one broker.</summary>
    public string? EndpointPrefix { get; set; }

    /// <summary>Attempts after the first before a message goes to its _error queue.</summary>
    public int RetryLimit { get; set; } = 4;

    /// <summary>
    /// The transport these settings ask for; a missing or contradictory choice, or retry counts out of range, is an
    /// error naming the setting.
    /// </summary>
    public string ResolveTransport()
    {
        if (RetryLimit is < 0 or > 20) throw new ArgumentException($"Bus:RetryLimit: must be 0 to 20, got {RetryLimit}");
        if (DeliveryLimit is < 0 or > 100) throw new ArgumentException($"Bus:DeliveryLimit: must be 0 to 100 (0: classic queues), got {DeliveryLimit}");
        bool hasUrl = !string.IsNullOrWhiteSpace(RabbitMqUrl);
        if (string.IsNullOrWhiteSpace(Transport))
            return hasUrl ? RabbitMq
                : throw new ArgumentException($"Bus:Transport: not set, and no Bus:RabbitMqUrl; set Bus__RabbitMqUrl=amqp://user:password@host:5672/vhost (or Bus__Transport={InMemory} to run every service in one process)");
        if (Transport.Equals(RabbitMq, StringComparison.OrdinalIgnoreCase))
            return hasUrl ? RabbitMq
                : throw new ArgumentException("Bus:RabbitMqUrl: required when Bus:Transport is RabbitMq, e.g. amqp://user:password@127.0.0.1:5672/vhost");
        if (Transport.Equals(InMemory, StringComparison.OrdinalIgnoreCase))
            return hasUrl ? throw new ArgumentException($"Bus:Transport: {InMemory} contradicts Bus:RabbitMqUrl, which is set; remove one of them") : InMemory;
        throw new ArgumentException($"Bus:Transport: unknown value '{Transport}'; allowed: {InMemory}, {RabbitMq}");
    }

    /// <summary>
    /// Deliveries of one message before RabbitMQ dead-letters it to the endpoint's _error queue (its consumer keeps dying on
    /// it). Endpoint queues are quorum queues when this is above 0 (the default, 5); 0 keeps classic queues.
    /// </summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>Delete queues when the last consumer disconnects (tests); such queues cannot be quorum queues.</summary>
    public bool AutoDeleteQueues { get; set; }
}
