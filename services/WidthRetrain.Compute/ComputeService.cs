using MassTransit;
using WidthRetrain.Hosting;

namespace WidthRetrain.Compute;

/// <summary>The whole Program of a service that computes: the service frame with the compute adapter.</summary>
public static class ComputeService
{
    public static Task<int> RunAsync(string[] args, string serviceName, Action<IBusRegistrationConfigurator> registerConsumers) =>
        ServiceHost.RunServiceAsync(args, serviceName, registerConsumers, b => b.Services.AddWidthRetrainCompute(b.Configuration));
}
