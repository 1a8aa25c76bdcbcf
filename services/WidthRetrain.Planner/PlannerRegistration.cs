using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Planner.Consumers;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner;

public static class PlannerRegistration
{
    public static void AddPlanner(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<StartCampaignConsumer>();
        x.AddConsumer<TasksReleasedConsumer>();
        x.AddConsumer<RoundTrainedConsumer>();
        x.AddConsumer<RoundEvaluatedConsumer>();
        x.AddConsumer<RoundCostedConsumer, RoundCostedConsumerDefinition>();
    }

    /// <summary>Marten for the planner (and for readers such as the CLI). The schema is applied by <see cref="PlannerStartup"/>.</summary>
    public static IServiceCollection AddPlannerStore(this IServiceCollection services, string connectionString, string schema = PlannerStore.DefaultSchema)
    {
        services.AddMarten(opts => PlannerStore.Configure(opts, connectionString, schema)).UseLightweightSessions();
        return services;
    }
}
