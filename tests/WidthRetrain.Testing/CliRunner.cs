using System.Diagnostics;

namespace WidthRetrain.Testing;

/// <summary>Runs the built `widthretrain` tool as a separate process, as a user would; secrets travel in its environment.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using Process p = Start(environment, args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"widthretrain {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static (int ExitCode, string Output) Run(params string[] args) => Run(null, args);

    /// <summary>Starts the tool without waiting (its output is redirected; read it or it may block).</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "widthretrain.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info)!;
    }
}
