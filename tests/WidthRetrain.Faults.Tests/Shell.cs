namespace WidthRetrain.Faults.Tests;

/// <summary>Runs one of the project's infra scripts and fails the test with its output when it fails.</summary>
public static class Shell
{
    public static void Run(string script)
    {
        var (code, output) = ProcessRunner.Run("bash", [script], null, TimeSpan.FromMinutes(3));
        if (code != 0) throw new InvalidOperationException($"{script} exited {code}: {output}");
    }
}
