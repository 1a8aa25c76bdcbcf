using Microsoft.Extensions.Hosting;
using WidthRetrain.CostAccountant;
using WidthRetrain.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWidthRetrainService(builder.Configuration, "cost-accountant", x => x.AddCostAccountant());
await builder.Build().RunAsync();
