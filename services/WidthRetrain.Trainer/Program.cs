using Microsoft.Extensions.Hosting;
using WidthRetrain.Hosting;
using WidthRetrain.Trainer;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddWidthRetrainService(builder.Configuration, "trainer", x => x.AddTrainer());
await builder.Build().RunAsync();
