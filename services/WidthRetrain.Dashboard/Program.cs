using WidthRetrain.Dashboard;
using WidthRetrain.Hosting;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Hosting.Logging;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Store;

// The dashboard as a service of its own (compose, Kubernetes): the suite's settings conventions (its own
// WidthRetrain.Dashboard.appsettings.json beside the dll, then environment variables and arguments), its logging, and a
// health file for the container's check beside /health.
return await ServiceHost.RunAsync("dashboard", async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
    {
        Path = Path.Combine(AppContext.BaseDirectory, "WidthRetrain.Dashboard.appsettings.json"),
        Optional = true,
        ReloadOnChange = false,
    });
    string connection = builder.Configuration.GetConnectionString("Marten")
        ?? throw new ArgumentException("ConnectionStrings:Marten: required (a PostgreSQL connection string of the services' role; the dashboard only reads)");
    double poll = builder.Configuration.GetValue("Dashboard:PollSeconds", 1.0);
    if (!(poll is >= 0.1 and <= 60)) throw new ArgumentException($"Dashboard:PollSeconds: must be 0.1 to 60, got {poll}");
    if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:8080");
    builder.Services.AddSingleton(ServiceIdentity.For("dashboard", builder.Configuration["Service:Instance"]));
    builder.Services.AddWidthRetrainLogging(builder.Configuration, "dashboard");
    builder.Services.AddWidthRetrainDashboard(connection, builder.Configuration["Marten:Schema"] ?? PlannerStore.DefaultSchema);
    builder.Services.AddHostedService<HealthFileWriter>();
    await using WebApplication app = builder.Build();
    await app.PrepareStoreAsync(connection, TimeSpan.FromSeconds(60));
    app.UseWidthRetrainDashboard(TimeSpan.FromSeconds(poll));
    await app.RunAsync();
});
