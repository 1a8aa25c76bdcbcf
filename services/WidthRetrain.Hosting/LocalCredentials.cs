namespace WidthRetrain.Hosting;

/// <summary>
/// The credentials infra/local/*.sh generate for this machine, kept in a file only its owner can read
/// ($WIDTHRETRAIN_CONFIG_DIR, else $XDG_CONFIG_HOME/widthretrain, else ~/.config/widthretrain: local.env, KEY='value' lines).
/// The environment always wins; nothing falls back to a well-known password.
/// </summary>
public static class LocalCredentials
{
    public static string File => Path.Combine(
        Environment.GetEnvironmentVariable("WIDTHRETRAIN_CONFIG_DIR")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "widthretrain"),
        "local.env");

    /// <summary>The variable from the environment, else from the local credentials file, else null.</summary>
    public static string? Get(string name)
    {
        if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } v) return v;
        if (!System.IO.File.Exists(File)) return null;
        foreach (string line in System.IO.File.ReadLines(File))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.TrimStart().StartsWith('#') || line[..eq].Trim() != name) continue;
            return line[(eq + 1)..].Trim().Trim('\'', '"');
        }
        return null;
    }
}
