using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
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
        var table = new Table().AddColumns("kind", "parameter", "default", "allowed", "meaning");
        foreach (ScenarioDefinition d in DriftScenarios.Definitions)
        {
            table.AddRow(new Markup($"[bold]{Markup.Escape(d.Kind)}[/]"), new Text(""), new Text(""), new Text(""), new Text(d.Help));
            foreach (ScenarioParameter p in d.Parameters)
                table.AddRow(new Text(""), new Text(p.Name), new Text(p.Default ?? "(see meaning)"), new Text(p.Allowed), new Text(p.Help));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(TasksNote);
        return 0;
    }
}
