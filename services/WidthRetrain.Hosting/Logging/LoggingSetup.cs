using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace WidthRetrain.Hosting.Logging;

/// <summary>
/// Serilog for every service: console always, Seq when Seq:ServerUrl is set. The Seq sink batches in the
/// background, so an unreachable Seq drops events after its buffer fills but never blocks or crashes a service.
/// Levels and extra sinks can be overridden in the "Serilog" configuration section.
/// </summary>
public static class LoggingSetup
{
    public static IServiceCollection AddWidthRetrainLogging(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .MinimumLevel.Override("Marten", LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", serviceName)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Application} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        string? seq = configuration["Seq:ServerUrl"];
        if (!string.IsNullOrWhiteSpace(seq)) logger.WriteTo.Seq(seq, apiKey: configuration["Seq:ApiKey"], queueSizeLimit: 100_000);
        Log.Logger = logger.CreateLogger();
        return services.AddSerilog(Log.Logger, dispose: true);
    }
}
