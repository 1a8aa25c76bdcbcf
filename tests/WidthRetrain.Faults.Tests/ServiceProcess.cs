using System.Diagnostics;

namespace WidthRetrain.Faults.Tests;

/// <summary>One service as its own operating-system process (as deployed), with its output in a log file.</summary>
public sealed class ServiceProcess(string name, string project, IReadOnlyDictionary<string, string> environment, string logFolder) : IDisposable
{
    private Process? process;
    private int starts;

    public string Name { get; } = name;
    public bool Running => process is { HasExited: false };
    public string Log => Path.Combine(logFolder, $"{Name}.log");

    public void Start()
    {
        if (Running) throw new InvalidOperationException($"{Name} is already running");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repository.ServiceDll(project));
        foreach (var (k, v) in environment) info.Environment[k] = v;
        // Started from another folder on purpose: a service must find its own settings wherever it is started.
        info.WorkingDirectory = Path.GetTempPath();
        process = Process.Start(info)!;
        starts++;
        var writer = new StreamWriter(Log, append: true) { AutoFlush = true };
        writer.WriteLine($"---- start {starts} (pid {process.Id}) at {DateTime.UtcNow:O}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>kill -9: no shutdown, no acknowledgement, nothing flushed.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, as a container runtime or systemd stops a service; returns how long it took to exit.</summary>
    public TimeSpan Terminate(TimeSpan patience)
    {
        if (process is null || process.HasExited) return TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        if (!process.WaitForExit(patience)) throw new TimeoutException($"{Name} did not stop within {patience.TotalSeconds:0} s of SIGTERM");
        return clock.Elapsed;
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
    }
}
