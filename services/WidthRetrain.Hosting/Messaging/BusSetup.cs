using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
            o.StopTimeout = TimeSpan.FromSeconds(30);
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
                    r.Ignore([.. PermanentFailures.Types]);
                });
                endpoint.UseInMemoryOutbox(context);
                if (options.AutoDeleteQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.AutoDelete = true;
            });
            if (transport == BusOptions.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUrl!));
                    // A prefix separates exchanges as well as queues, so suites (or test runs) can share one broker.
                    if (!string.IsNullOrEmpty(options.EndpointPrefix))
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EndpointPrefix + "."));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
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
