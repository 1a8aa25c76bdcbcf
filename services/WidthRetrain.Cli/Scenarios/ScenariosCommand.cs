using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Learning.Drift;

namespace WidthRetrain.Cli.Scenarios;

/// <summary>`widthretrain scenarios`: every drift scenario kind with its parameters, straight from the scenarios' definitions.</summary>
public sealed class ScenariosCommand : Command<ScenariosSettings>
{
    public const string TasksNote =
        "Every kind takes a number of tasks (--tasks, drift.tasks: 1 to 100). Give parameters as --drift-param NAME=VALUE (run, sweep) or in drift.parameters of a campaign spec.";

    public override int Execute(CommandContext context, ScenariosSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(DriftScenarios.Definitions.Select(d => new
            {
                kind = d.Kind,
                help = d.Help,
                parameters = d.Parameters.Select(p => new { name = p.Name, help = p.Help, @default = p.Default, allowed = p.Allowed }),
            }), Shared.Json.Options));
            return 0;
        }
        // A list rather than a table: the meanings are sentences, wrapped under their parameter at any width.
        foreach (ScenarioDefinition d in DriftScenarios.Definitions)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]{d.Kind}[/]");
            AnsiConsole.Write(Terminal.Indented(new Text(d.Help), 2));
            foreach (ScenarioParameter p in d.Parameters)
            {
                AnsiConsole.Write(Terminal.Indented(new Markup($"[bold]{Markup.Escape(p.Name)}[/]: default {Markup.Escape(p.Default ?? "(see meaning)")}; allowed {Markup.Escape(p.Allowed)}"), 2));
                AnsiConsole.Write(Terminal.Indented(new Text(p.Help), 6));
            }
            AnsiConsole.WriteLine();
        }
        AnsiConsole.WriteLine(TasksNote);
        return 0;
    }
}
