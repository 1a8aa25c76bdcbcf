using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WidthRetrain.Hosting;

/// <summary>The host builder of every service process.</summary>
public static class ServiceHost
{
    /// <summary>
    /// The Generic Host with its content root at the service's own folder, not the current directory. Each service
    /// reads its own settings file, named after it ({assembly}.appsettings.json beside {assembly}.dll), so that one
    /// folder can hold every service (the Docker image, the CLI's output); environment variables and arguments
    /// override it.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationManager();
        string service = Assembly.GetEntryAssembly()?.GetName().Name ?? "";
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"{service}.appsettings.json"), optional: true, reloadOnChange: false);
        // Sources given here come first; the host adds environment variables and arguments after them.
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = configuration,
        });
    }

    /// <summary>
    /// Builds the host and validates its settings (the options registered with ValidateOnStart) before it starts, so
    /// that a broken setting reaches <see cref="RunAsync"/> as one line, without the host logging a stack trace first.
    /// </summary>
    public static IHost BuildValidated(HostApplicationBuilder builder)
    {
        IHost host = builder.Build();
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The whole Program of a service: the frame (<see cref="ServiceSetup"/>) with its consumers, what
    /// <paramref name="configure"/> adds (e.g. compute), settings validated before start, then run until stopped.
    /// </summary>
    public static Task<int> RunServiceAsync(string[] args, string serviceName, Action<IBusRegistrationConfigurator> registerConsumers,
        Action<HostApplicationBuilder>? configure = null) =>
        RunAsync(serviceName, async () =>
        {
            HostApplicationBuilder builder = CreateBuilder(args);
            builder.Services.AddWidthRetrainService(builder.Configuration, serviceName, registerConsumers);
            configure?.Invoke(builder);
            using IHost host = BuildValidated(builder);
            await host.RunAsync();
        });

    /// <summary>
    /// Runs a service's start-up and life. A settings error found at start (a missing or invalid setting, named with what
    /// is allowed) is one line on stderr and exit code 2, not a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string service, Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (SettingsError(e) is not null)
        {
            await Console.Error.WriteLineAsync($"{service}: cannot start: {SettingsError(e)}");
            return 2;
        }
    }

    /// <summary>The text of a settings error (several sections failing validation arrive as one AggregateException), else null.</summary>
    public static string? SettingsError(Exception e) => e switch
    {
        ArgumentException or OptionsValidationException => e.Message,
        AggregateException a when a.InnerExceptions.All(i => i is ArgumentException or OptionsValidationException) =>
            string.Join("; ", a.InnerExceptions.Select(i => i.Message)),
        _ => null,
    };
}
