namespace WidthRetrain.Hosting.Health;

/// <summary>Which service this process is and which instance of it (host name and process id), for logs, health and round facts.</summary>
public sealed record ServiceIdentity(string Name, string Instance)
{
    public static ServiceIdentity For(string name) => new(name, $"{Environment.MachineName}/{Environment.ProcessId}");
}
