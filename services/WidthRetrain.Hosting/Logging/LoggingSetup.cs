using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace WidthRetrain.Hosting.Logging;

/// <summary>
/// Serilog for every service: console always, Seq when Seq:ServerUrl is set. The Seq sink batches in the
/// background, so an unreachable Seq drops events after its buffer fills but never blocks or crashes a service.
/// Levels and extra sinks can be overridden in the "Serilog" configuration section.
/// Logging:ConsoleSources (a source prefix, e.g. "WidthRetrain") keeps every other source's events off the console
/// (the CLI's embedded suite: library warnings would land between its progress lines); Logging:File receives every
/// event, so nothing is lost.
/// </summary>
public static class LoggingSetup
{
    public static IServiceCollection AddWidthRetrainLogging(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        const string template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Application} {SourceContext}: {Message:lj}{NewLine}{Exception}";
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .MinimumLevel.Override("Marten", LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", serviceName);
        string? consoleSources = configuration["Logging:ConsoleSources"];
        if (string.IsNullOrWhiteSpace(consoleSources))
        {
            logger.WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose);
        }
        else
        {
            logger.WriteTo.Logger(console => console
                .Filter.ByIncludingOnly(e => FromSource(e, consoleSources))
                .WriteTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose));
        }
        string? file = configuration["Logging:File"];
        if (!string.IsNullOrWhiteSpace(file))
            logger.WriteTo.File(file, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} " + template, rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 7, shared: true);
        string? seq = configuration["Seq:ServerUrl"];
        if (!string.IsNullOrWhiteSpace(seq)) logger.WriteTo.Seq(seq, apiKey: configuration["Seq:ApiKey"], queueSizeLimit: 100_000);
        Log.Logger = logger.CreateLogger();
        return services.AddSerilog(Log.Logger, dispose: true);
    }

    /// <summary>An event of a source under the prefix, or one without a source (the host's own).</summary>
    public static bool FromSource(LogEvent e, string prefix) =>
        !e.Properties.TryGetValue("SourceContext", out LogEventPropertyValue? v) || v is not ScalarValue { Value: string source }
        || source.StartsWith(prefix, StringComparison.Ordinal);
}
