using System.Diagnostics;

namespace WidthRetrain.Testing;

/// <summary>Runs a program as a separate process, its output captured; secrets travel in its environment, not its arguments.</summary>
public static class ProcessRunner
{
    /// <returns>The exit code and standard output followed by standard error; a process still running at the timeout is killed.</returns>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout, string? name = null)
    {
        string[] arguments = [.. args];
        using Process p = Start(program, arguments, environment);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name ?? program} {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes:0.#} minutes:\n{stdout.Result}{stderr.Result}");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Starts the program without waiting (its output is redirected; read it or it may block).</summary>
    public static Process Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
