using Microsoft.Extensions.Hosting;
using WidthRetrain.DriftGenerator;
using WidthRetrain.Hosting;

var builder = ServiceHost.CreateBuilder(args);
builder.Services.AddWidthRetrainService(builder.Configuration, "drift-generator", x => x.AddDriftGenerator());
await builder.Build().RunAsync();
