using MassTransit;
using Microsoft.Extensions.Hosting;
using WidthRetrain.Hosting;

namespace WidthRetrain.Compute;

/// <summary>The whole Program of a service that computes: the service frame, the compute adapter, validated settings, run.</summary>
public static class ComputeService
{
    public static Task<int> RunAsync(string[] args, string serviceName, Action<IBusRegistrationConfigurator> registerConsumers) =>
        ServiceHost.RunAsync(serviceName, async () =>
        {
            var builder = ServiceHost.CreateBuilder(args);
            builder.Services.AddWidthRetrainService(builder.Configuration, serviceName, registerConsumers);
            builder.Services.AddWidthRetrainCompute(builder.Configuration);
            using IHost host = ServiceHost.BuildValidated(builder);
            await host.RunAsync();
        });
}
