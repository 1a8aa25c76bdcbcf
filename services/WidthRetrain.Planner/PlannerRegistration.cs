using JasperFx.Events.Daemon;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WidthRetrain.Campaigns;
using WidthRetrain.Hosting.Health;
using WidthRetrain.Planner.Consumers;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Planner.Store;
using WidthRetrain.Planner.Subscribing;

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
        x.AddConsumer<FaultConsumer>();
        x.AddConsumer<ResumeCampaignConsumer>();
        x.AddConsumer<RoundInProgressConsumer>();
    }

    /// <summary>
    /// The planner's own services beside its consumers: the store, the clock, and the watchdog that sends stalled work
    /// again (<see cref="CampaignRedriver"/>), configured from the "Planner" section and validated at start.
    /// </summary>
    public static IServiceCollection AddPlannerServices(this IServiceCollection services, IConfiguration configuration, string connectionString,
        string schema, RedriveScope scope)
    {
        // The async daemon runs one subscription: the relay that publishes subscriber events from the record. Hot/cold:
        // with several planners, one relays. From its first run on: a new deployment does not replay old campaigns.
        services.AddMarten(opts => PlannerStore.Configure(opts, connectionString, schema)).UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold)
            .AddSubscriptionWithServices<SubscriberEventRelay>(ServiceLifetime.Singleton, o =>
            {
                o.Name = SubscriberEventRelay.SubscriptionName;
                o.Options.SubscribeFromFirstRun();
            });
        services.AddOptions<PlannerOptions>().Bind(configuration.GetSection(PlannerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(scope);
        services.AddSingleton(CampaignLimits.From(configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<CampaignRedriver>();
        services.AddHealthChecks().AddCheck("postgres", new PostgresHealthCheck(connectionString));
        return services;
    }

    /// <summary>Marten for the planner (and for readers such as the CLI). The schema is applied by <see cref="PlannerStartup"/>.</summary>
    public static IServiceCollection AddPlannerStore(this IServiceCollection services, string connectionString, string schema = PlannerStore.DefaultSchema)
    {
        services.AddMarten(opts => PlannerStore.Configure(opts, connectionString, schema)).UseLightweightSessions();
        return services;
    }
}
