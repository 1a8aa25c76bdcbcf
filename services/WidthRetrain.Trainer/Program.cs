using Microsoft.Extensions.Hosting;
using WidthRetrain.Hosting;
using WidthRetrain.Trainer;

var builder = ServiceHost.CreateBuilder(args);
builder.Services.AddWidthRetrainService(builder.Configuration, "trainer", x => x.AddTrainer());
await builder.Build().RunAsync();
