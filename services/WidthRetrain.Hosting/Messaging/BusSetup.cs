using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Contracts;
using WidthRetrain.Contracts.Subscribing;

namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// One MassTransit configuration for both transports. Consumers retry transient faults a bounded number of times
/// (in memory, exponential: the Debian RabbitMQ has no delayed-message plugin, so no delayed redelivery), then the
/// message goes to its endpoint's _error queue with the exception in its headers. Publishes are held until the
/// consumer succeeds (in-memory outbox), so a failed attempt publishes nothing.
/// </summary>
public static class BusSetup
{
    public static IServiceCollection AddWidthRetrainBus(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator> registerConsumers)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        string transport = options.ResolveTransport();
        services.AddSingleton(options);
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            // SIGTERM stops a service within seconds: a consumer still busy after 5 s is cancelled (training checks between
            // batches) and its message goes back to the broker for redelivery, unacknowledged.
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(5);
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddMassTransit(x =>
        {
            // Nothing may contact a host the user did not configure: MassTransit reports usage to its vendor by default.
            x.DisableUsageTelemetry();
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            registerConsumers(x);
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                endpoint.UseMessageRetry(r =>
                {
                    r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300));
                    r.Ignore<Exception>(PermanentFailures.IsPermanent);
                });
                endpoint.UseInMemoryOutbox(context);
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    if (options.AutoDeleteQueues) rabbit.AutoDelete = true;
                    else if (options.DeliveryLimit > 0 && endpoint is MassTransit.RabbitMqTransport.Configuration.IRabbitMqReceiveEndpointConfiguration
                    { Settings: { Durable: true, AutoDelete: false } })
                        DeliveryLimit(rabbit, name, options.DeliveryLimit); // temporary (auto-delete) endpoints cannot be quorum queues
                }
            });
            if (transport == BusOptions.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUrl!));
                    cfg.ConfigureJsonSerializerOptions(WireFormat);
                    // The _error queue copies its endpoint queue's arguments; it must not dead-letter or limit deliveries itself.
                    cfg.SendTopology.ConfigureErrorSettings = s =>
                    {
                        s.SetQueueArgument("x-dead-letter-exchange", null);
                        s.SetQueueArgument("x-delivery-limit", null);
                    };
                    // A prefix separates exchanges as well as queues, so suites (or test runs) can share one broker.
                    if (!string.IsNullOrEmpty(options.EndpointPrefix))
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EndpointPrefix + "."));
                    // Subscriber events also go to one topic exchange that integrators bind their own queues to.
                    foreach ((Type type, _) in SubscriberEvents.All)
                        RouteToEventsMethod.MakeGenericMethod(type).Invoke(null, [cfg, SubscriberEvents.ExchangeFor(options.EndpointPrefix)]);
                    // Declared at start, not at the first publish: an integrator can bind to it before any campaign runs.
                    cfg.DeployPublishTopology = true;
                    // Every contract implements IVersionedMessage; without this each publish also went to an exchange of that name.
                    cfg.Publish<IVersionedMessage>(p => p.Exclude = true);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(WireFormat);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>What the bus adds to MassTransit's JSON options: enums travel by name ("Widen", not 1); numbers are still read.</summary>
    public static JsonSerializerOptions WireFormat(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static readonly MethodInfo RouteToEventsMethod = typeof(BusSetup).GetMethod(nameof(RouteToEvents), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Publishes of <typeparamref name="T"/> go to the subscriber exchange (topic) with "{event}.{campaign id}" as routing key.</summary>
    private static void RouteToEvents<T>(IRabbitMqBusFactoryConfigurator cfg, string exchange) where T : class
    {
        cfg.Message<T>(m => m.SetEntityName(exchange));
        cfg.Publish<T>(p => p.ExchangeType = RabbitMQ.Client.ExchangeType.Topic);
        cfg.Send<T>(s => s.UseRoutingKeyFormatter(c => SubscriberEvents.RoutingKey(c.Message)));
    }

    /// <summary>
    /// No poison loops: an endpoint queue is a quorum queue that counts deliveries, so a message whose consumer dies on it
    /// (out of memory, a crash) is redelivered at most <paramref name="limit"/> times, then dead-lettered into the
    /// endpoint's _error queue (declared up front, so nothing dead-lettered is dropped) where every failure lands.
    /// </summary>
    private static void DeliveryLimit(IRabbitMqReceiveEndpointConfigurator rabbit, string queue, int limit)
    {
        rabbit.SetQuorumQueue();
        rabbit.SetQueueArgument("x-delivery-limit", limit);
        rabbit.BindDeadLetterQueue($"{queue}_error", $"{queue}_error", q => q.SetQuorumQueue());
    }

    /// <summary>A name-based (SHA-1, RFC 4122 version 5 layout) Guid: the same name always gives the same id.</summary>
    public static Guid DeterministicGuid(string name)
    {
        byte[] hash = SHA1.HashData(System.Text.Encoding.UTF8.GetBytes("widthretrain:" + name));
        byte[] g = hash[..16];
        g[6] = (byte)((g[6] & 0x0F) | 0x50);
        g[8] = (byte)((g[8] & 0x3F) | 0x80);
        return new Guid(g, bigEndian: true);
    }
}
