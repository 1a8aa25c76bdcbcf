using Microsoft.Extensions.Hosting;
using WidthRetrain.Compute;
using WidthRetrain.Evaluator;
using WidthRetrain.Hosting;

return await ServiceHost.RunAsync("evaluator", async () =>
{
    var builder = ServiceHost.CreateBuilder(args);
    builder.Services.AddWidthRetrainService(builder.Configuration, "evaluator", x => x.AddEvaluator());
    builder.Services.AddWidthRetrainCompute(builder.Configuration);
    using IHost host = ServiceHost.BuildValidated(builder);
    await host.RunAsync();
});
