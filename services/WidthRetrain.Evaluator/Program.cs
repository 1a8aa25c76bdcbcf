using Microsoft.Extensions.Hosting;
using WidthRetrain.Evaluator;
using WidthRetrain.Hosting;

var builder = ServiceHost.CreateBuilder(args);
builder.Services.AddWidthRetrainService(builder.Configuration, "evaluator", x => x.AddEvaluator());
await builder.Build().RunAsync();
