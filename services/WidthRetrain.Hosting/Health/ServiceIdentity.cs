namespace WidthRetrain.Hosting.Health;

/// <summary>Which service this process is and which instance of it (host name and process id), for logs, health and round facts.</summary>
public sealed record ServiceIdentity(string Name, string Instance)
{
    /// <param name="instance">From configuration (Service:Instance), e.g. a container's name; default host/pid.</param>
    public static ServiceIdentity For(string name, string? instance = null) =>
        new(name, string.IsNullOrWhiteSpace(instance) ? $"{Environment.MachineName}/{Environment.ProcessId}" : instance);
}
