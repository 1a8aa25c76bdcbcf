using Spectre.Console;
using Spectre.Console.Rendering;

namespace WidthRetrain.Cli.Shared;

/// <summary>
/// The width the console output is laid out for: the terminal's, or when output is redirected $COLUMNS, else 80
/// (a log or a pipe gets what an 80-column terminal gets, so ids and tables never depend on where output goes).
/// </summary>
public static class Terminal
{
    public const int RedirectedWidth = 80;

    public static int Width => AnsiConsole.Profile.Width;

    /// <summary>Called once at start-up, before anything is written.</summary>
    public static void Configure()
    {
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = ColumnsVariable() ?? RedirectedWidth;
    }

    private static int? ColumnsVariable() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int c) && c is >= 20 and <= 1000 ? c : null;

    /// <summary>How many columns the renderable takes when nothing constrains it (rendered off-screen, without colour).</summary>
    public static int NaturalWidth(IRenderable renderable)
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 10_000;
        console.Write(renderable);
        return writer.ToString().Split('\n').Max(l => l.TrimEnd().Length);
    }

    /// <summary>Writes the renderable at its natural width even past the terminal's (`--wide`: the terminal may scroll or wrap it, Spectre does not squeeze it).</summary>
    public static void WriteUnconstrained(IRenderable renderable)
    {
        int width = AnsiConsole.Profile.Width;
        AnsiConsole.Profile.Width = Math.Max(width, NaturalWidth(renderable));
        try
        {
            AnsiConsole.Write(renderable);
        }
        finally
        {
            AnsiConsole.Profile.Width = width;
        }
    }

    /// <summary>Text indented by <paramref name="indent"/> columns, wrapped at the terminal width (the indent kept on every line).</summary>
    public static IRenderable Indented(IRenderable content, int indent) => new Padder(content, new Padding(indent, 0, 0, 0));
}
