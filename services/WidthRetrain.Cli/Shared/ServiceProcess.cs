using System.Diagnostics;

namespace WidthRetrain.Cli.Shared;

/// <summary>
/// One service as its own operating-system process (as deployed), its output appended to a log file. Used by
/// `bench scale-out` and by the fault-injection tests, which kill, stop and restart such processes.
/// </summary>
public sealed class ServiceProcess(string name, string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
    string logFolder) : IDisposable
{
    private readonly Lock gate = new();
    private Process? process;
    private StreamWriter? log;
    private int starts;

    public string Name { get; } = name;
    public bool Running => process is { HasExited: false };
    public string Log => Path.Combine(logFolder, $"{Name}.log");

    /// <summary>The operating system's id of the running process; null when it is not running.</summary>
    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>
    /// The service <paramref name="assembly"/> as built for this tool: its own build output when this tool runs from
    /// the repository's build (services/WidthRetrain.Cli/bin/CONFIG/TFM; the copy beside the tool lacks assemblies that
    /// the tool takes from the ASP.NET Core framework and a service does not), else from this tool's own folder (the
    /// image publishes every service there). Through the same `dotnet` host when this tool runs under one.
    /// </summary>
    public static ServiceProcess ForService(string name, string assembly, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        string dll = ServiceDll(assembly);
        string? host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet") return new ServiceProcess(name, host, [dll], environment, logFolder);
        string launcher = Path.ChangeExtension(dll, null);
        return File.Exists(launcher)
            ? new ServiceProcess(name, launcher, [], environment, logFolder)
            : new ServiceProcess(name, "dotnet", [dll], environment, logFolder);
    }

    /// <summary>Where service <paramref name="assembly"/> is built (see <see cref="ForService"/>); an error saying what to build when it is nowhere.</summary>
    public static string ServiceDll(string assembly)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../services/WidthRetrain.Cli/bin/CONFIG/TFM
        DirectoryInfo? configuration = output.Parent, bin = configuration?.Parent, project = bin?.Parent;
        if (project is { Name: "WidthRetrain.Cli", Parent: { Name: "services" } services } && bin!.Name == "bin")
        {
            string own = Path.Combine(services.FullName, assembly, "bin", configuration!.Name, output.Name, assembly + ".dll");
            if (File.Exists(own)) return own;
        }
        string beside = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException($"{assembly}.dll not found beside the CLI ({AppContext.BaseDirectory}); build services/WidthRetrain.Cli");
    }

    public void Start()
    {
        if (Running) throw new InvalidOperationException($"{Name} is already running");
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        // Started from another folder on purpose: a service must find its own settings wherever it is started.
        info.WorkingDirectory = Path.GetTempPath();
        CloseLog();
        var writer = new StreamWriter(Log, append: true) { AutoFlush = true };
        lock (gate) log = writer;
        process = Process.Start(info)!;
        starts++;
        Write($"---- start {starts} (pid {process.Id}) at {DateTime.UtcNow:O}");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (gate) log?.WriteLine(line);
    }

    /// <summary>kill -9: no shutdown, no acknowledgement, nothing flushed.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd stops a service, and returns at once.</summary>
    public void SignalTerminate()
    {
        if (process is null || process.HasExited) return;
        using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGTERM, as a container runtime or systemd stops a service; returns how long it took to exit.</summary>
    public TimeSpan Terminate(TimeSpan patience)
    {
        if (process is null || process.HasExited) return TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        SignalTerminate();
        if (!process.WaitForExit(patience)) throw new TimeoutException($"{Name} did not stop within {patience.TotalSeconds:0} s of SIGTERM");
        return clock.Elapsed;
    }

    /// <summary>Waits up to <paramref name="patience"/> for the process to exit (after <see cref="SignalTerminate"/>); kills it if it has not.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (process is null || process.HasExited) return;
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Whether a service's health file (Health:File) says Healthy and was rewritten lately (it is every 5 s).</summary>
    public static bool ReportsHealthy(string healthFile)
    {
        try
        {
            return File.Exists(healthFile) && File.ReadAllText(healthFile).Contains("\"status\":\"Healthy\"", StringComparison.Ordinal)
                   && File.GetLastWriteTimeUtc(healthFile) > DateTime.UtcNow.AddSeconds(-8);
        }
        catch (IOException)
        {
            return false; // being replaced at this moment
        }
    }

    private void CloseLog()
    {
        lock (gate)
        {
            log?.Dispose();
            log = null;
        }
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        CloseLog();
    }
}
