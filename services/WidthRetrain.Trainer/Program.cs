using Microsoft.Extensions.Hosting;
using WidthRetrain.Compute;
using WidthRetrain.Hosting;
using WidthRetrain.Trainer;

return await ServiceHost.RunAsync("trainer", async () =>
{
    var builder = ServiceHost.CreateBuilder(args);
    builder.Services.AddWidthRetrainService(builder.Configuration, "trainer", x => x.AddTrainer());
    builder.Services.AddWidthRetrainCompute(builder.Configuration);
    using IHost host = ServiceHost.BuildValidated(builder);
    await host.RunAsync();
});
