using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

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
}
