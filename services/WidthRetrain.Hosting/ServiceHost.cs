using Microsoft.Extensions.Hosting;

namespace WidthRetrain.Hosting;

/// <summary>The host builder of every service process.</summary>
public static class ServiceHost
{
    /// <summary>
    /// The Generic Host with its content root at the service's own folder, not the current directory: a service
    /// started from anywhere reads its own appsettings.json (then environment variables and arguments override it).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args) =>
        Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
}
