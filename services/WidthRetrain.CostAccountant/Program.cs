using Microsoft.Extensions.Hosting;
using WidthRetrain.CostAccountant;
using WidthRetrain.Hosting;

return await ServiceHost.RunAsync("cost-accountant", async () =>
{
    var builder = ServiceHost.CreateBuilder(args);
    builder.Services.AddWidthRetrainService(builder.Configuration, "cost-accountant", x => x.AddCostAccountant());
    using IHost host = ServiceHost.BuildValidated(builder);
    await host.RunAsync();
});
