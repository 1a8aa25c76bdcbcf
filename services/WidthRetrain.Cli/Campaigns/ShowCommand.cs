using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
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
        if (JsonOutput.ToStdout(settings.Json))
        {
            JsonOutput.Write(settings.Json, report);
            return 0;
        }
        CampaignTables.Print(report, settings.Wide);
        if (settings.Rounds) PrintRounds(report.Rounds, settings.Wide);
        JsonOutput.Write(settings.Json, report);
        return 0;
    }

    private static void PrintRounds(IReadOnlyList<RoundView> rounds, bool wide)
    {
        var table = new FittedTable { Border = TableBorder.Simple }
            .Column("stage", essential: true).Column("arm", essential: true, right: false, noWrap: true).Column("seed", essential: true)
            .Column("task", essential: true).Column("status", essential: true, right: false).Column("acc. on task", essential: true)
            .Column("cost", essential: true).Column("train s").Column("eval s").Column("worker", right: false);
        foreach (RoundView r in rounds)
            table.Row(r.Stage.ToString(), r.Arm, r.Seed.ToString(), (r.TaskIndex + 1).ToString(), r.Status, Format.Percent(r.AccuracyOnTask),
                Format.Number(r.Cost, "0.000000"), Format.Number(r.TrainSeconds, "0.00"), Format.Number(r.EvalSeconds, "0.00"), r.Worker ?? "-");
        if (wide) Terminal.WriteUnconstrained(table.Build(Terminal.Width, all: true));
        else AnsiConsole.Write(table.Build(Terminal.Width));
        if (table.Left.Count > 0)
            AnsiConsole.Write(new Paragraph($"Left out at this width: {string.Join(", ", table.Left)} (--wide or --json).\n", new Style(Color.Grey)));
    }
}
