using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>`widthretrain show ID`: one campaign from the event store.</summary>
public sealed class ShowCommand : AsyncCommand<ShowSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ShowSettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        Guid id = await CampaignReader.ResolveAsync(store, settings.Id, cancellationToken);
        CampaignReport report = await CampaignReader.ReadAsync(store, id, cancellationToken)
            ?? throw new ArgumentException($"ID: no campaign {id}");
        CampaignTables.Print(report);
        if (settings.Rounds)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("stage", "arm", "seed", "task", "status", "acc. on task", "train s", "eval s", "cost", "worker");
            foreach (RoundView r in report.Rounds)
                table.AddRow(r.Stage.ToString(), r.Arm, r.Seed.ToString(), (r.TaskIndex + 1).ToString(), r.Status, Format.Percent(r.AccuracyOnTask),
                    Format.Number(r.TrainSeconds, "0.00"), Format.Number(r.EvalSeconds, "0.00"), Format.Number(r.Cost, "0.000000"), Markup.Escape(r.Worker ?? "-"));
            AnsiConsole.Write(table);
        }
        if (settings.Json is { } json) SweepCommand.WriteAllTextCreatingFolder(json, JsonSerializer.Serialize(report, Json.Options));
        return 0;
    }
}
