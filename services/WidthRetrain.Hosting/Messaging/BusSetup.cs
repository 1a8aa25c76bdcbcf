using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Data;

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
        services.AddSingleton(options);
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            registerConsumers(x);
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                endpoint.UseMessageRetry(r =>
                {
                    r.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300));
                    r.Ignore<PermanentFailureException>();
                    r.Ignore<CheckpointIntegrityException>();
                    r.Ignore<DatasetFormatException>();
                    r.Ignore<ArgumentException>();
                });
                endpoint.UseInMemoryOutbox(context);
                if (options.AutoDeleteQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.AutoDelete = true;
            });
            if (options.Transport.Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrWhiteSpace(options.RabbitMqUrl))
                    throw new ArgumentException("Bus:RabbitMqUrl: required when Bus:Transport is RabbitMq, e.g. amqp://user:password@127.0.0.1:5672/vhost");
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUrl));
                    // A prefix separates exchanges as well as queues, so suites (or test runs) can share one broker.
                    if (!string.IsNullOrEmpty(options.EndpointPrefix))
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EndpointPrefix + "."));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else if (options.Transport.Equals(BusOptions.InMemory, StringComparison.OrdinalIgnoreCase))
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                throw new ArgumentException($"Bus:Transport: unknown value '{options.Transport}'; allowed: {BusOptions.InMemory}, {BusOptions.RabbitMq}");
            }
        });
        return services;
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
