using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Logging;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.Hosting;

/// <summary>The common frame of every service process: identity, logging, bus, health file. Compute is added by the services that compute.</summary>
public static class ServiceSetup
{
    public static IServiceCollection AddWidthRetrainService(this IServiceCollection services, IConfiguration configuration, string serviceName,
        Action<IBusRegistrationConfigurator> registerConsumers)
    {
        services.AddSingleton(ServiceIdentity.For(serviceName, configuration["Service:Instance"]));
        double beat = configuration.GetValue("Service:HeartbeatSeconds", 15.0);
        if (!(beat is > 0 and <= 3600)) throw new ArgumentException($"Service:HeartbeatSeconds: must be in (0, 3600], got {beat}");
        services.AddSingleton(new HeartbeatSettings(TimeSpan.FromSeconds(beat)));
        services.AddWidthRetrainLogging(configuration, serviceName);
        services.AddWidthRetrainBus(configuration, registerConsumers);
        services.AddHealthChecks();
        services.AddHostedService<HealthFileWriter>();
        return services;
    }
}
