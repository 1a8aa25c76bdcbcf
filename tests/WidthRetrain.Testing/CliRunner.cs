using System.Diagnostics;

namespace WidthRetrain.Testing;

/// <summary>Runs the built `widthretrain` tool as a separate process, as a user would; secrets travel in its environment.</summary>
public static class CliRunner
{
    private static string Tool => Path.Combine(AppContext.BaseDirectory, "widthretrain.dll");

    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ProcessRunner.Run("dotnet", [Tool, .. args], environment, TimeSpan.FromMinutes(3), "widthretrain");

    public static (int ExitCode, string Output) Run(params string[] args) => Run(null, args);

    /// <summary>Starts the tool without waiting (its output is redirected; read it or it may block).</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ProcessRunner.Start("dotnet", [Tool, .. args], environment);

    /// <summary>The output with its line breaks (and the blanks around them) as single spaces: the CLI wraps sentences at the terminal's width.</summary>
    public static string Unwrapped(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"[ \t]*\r?\n[ \t]*", " ");
}
