using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WidthRetrain.Hosting;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Planner.Store;

var builder = ServiceHost.CreateBuilder(args);
string connection = builder.Configuration.GetConnectionString("Marten")
    ?? throw new ArgumentException("ConnectionStrings:Marten: required (a PostgreSQL connection string)");
builder.Services.AddWidthRetrainService(builder.Configuration, "planner", x => x.AddPlanner());
builder.Services.AddPlannerServices(builder.Configuration, connection, builder.Configuration["Marten:Schema"] ?? PlannerStore.DefaultSchema, RedriveScope.All());
using IHost host = builder.Build();
await host.PrepareStoreAsync(connection, TimeSpan.FromSeconds(60));
await host.RunAsync();
