using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WidthRetrain.Hosting;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Planner.Store;

return await ServiceHost.RunAsync("planner", async () =>
{
    var builder = ServiceHost.CreateBuilder(args);
    string connection = builder.Configuration.GetConnectionString("Marten")
        ?? throw new ArgumentException("ConnectionStrings:Marten: required (a PostgreSQL connection string of the services' role)");
    builder.Services.AddWidthRetrainService(builder.Configuration, "planner", x => x.AddPlanner());
    builder.Services.AddPlannerServices(builder.Configuration, connection, builder.Configuration["Marten:Schema"] ?? PlannerStore.DefaultSchema, RedriveScope.All());
    using IHost host = ServiceHost.BuildValidated(builder);
    // The owner's connection, when given, migrates the schema at start (single-host setups); otherwise it must be migrated already.
    await host.PrepareStoreAsync(connection, TimeSpan.FromSeconds(60), default, builder.Configuration.GetConnectionString("MartenOwner"));
    await host.RunAsync();
});
