using System.Text.Json;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Sweep;

namespace WidthRetrain.Cli.Shared;

/// <summary>
/// `--json [FILE]`: the command's result as JSON (camelCase, no colour) on standard output instead of the tables, or
/// into FILE beside them. Put the option after the campaign id (`show ID --json`), or its value would be taken for FILE.
/// </summary>
public static class JsonOutput
{
    public const string Help = "Machine-readable JSON (camelCase) instead of the tables on standard output; with FILE, written to that file and the tables shown as well. Give it after the ID";

    public const string ListHelp = "Machine-readable JSON (camelCase) instead of the list on standard output; with FILE, written to that file and the list shown as well";

    /// <summary>True when the JSON replaces the console output (given without FILE).</summary>
    public static bool ToStdout(FlagValue<string>? option) => option is { IsSet: true } && string.IsNullOrEmpty(option.Value);

    /// <summary>Writes the value where the option says; returns the file written, or null for standard output or no option.</summary>
    public static string? Write<T>(FlagValue<string>? option, T value)
    {
        if (option is not { IsSet: true }) return null;
        string json = JsonSerializer.Serialize(value, Json.Options);
        if (string.IsNullOrEmpty(option.Value))
        {
            Console.Out.WriteLine(json);
            return null;
        }
        SweepCommand.WriteAllTextCreatingFolder(option.Value, json);
        return option.Value;
    }
}
