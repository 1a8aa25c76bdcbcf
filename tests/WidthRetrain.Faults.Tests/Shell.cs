using System.Diagnostics;

namespace WidthRetrain.Faults.Tests;

/// <summary>Runs one of the project's infra scripts and fails the test with its output when it fails.</summary>
public static class Shell
{
    public static void Run(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        using Process p = Process.Start(info)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) throw new TimeoutException($"{script} did not finish in 3 minutes");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} exited {p.ExitCode}: {output}{err.Result}");
    }
}
