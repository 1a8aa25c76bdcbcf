using Microsoft.Extensions.Hosting;
using WidthRetrain.Compute;
using WidthRetrain.DriftGenerator;
using WidthRetrain.Hosting;

return await ServiceHost.RunAsync("drift-generator", async () =>
{
    var builder = ServiceHost.CreateBuilder(args);
    builder.Services.AddWidthRetrainService(builder.Configuration, "drift-generator", x => x.AddDriftGenerator());
    builder.Services.AddWidthRetrainCompute(builder.Configuration);
    using IHost host = ServiceHost.BuildValidated(builder);
    await host.RunAsync();
});
