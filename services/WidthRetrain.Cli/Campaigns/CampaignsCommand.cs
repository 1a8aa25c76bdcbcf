using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>`widthretrain campaigns`: every campaign in the event store, newest first.</summary>
public sealed class CampaignsCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        await using var q = store.QuerySession();
        var campaigns = await q.Query<CampaignSummary>().OrderByDescending(c => c.StartedAt).ToListAsync(cancellationToken);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("id", "name", "status", "dataset", "scenario", "widths", "seeds", "rounds", "cost", "started (UTC)");
        foreach (CampaignSummary c in campaigns)
            table.AddRow(c.Id.ToString(), Markup.Escape(c.Name), c.Status.Text(), c.Dataset, $"{c.Scenario} x {c.Tasks}", string.Join(",", c.Widths),
                string.Join(",", c.Seeds), $"{c.RoundsDone}/{c.RoundsTotal}", $"{c.TotalCost:0.000000} {c.Currency}", c.StartedAt.ToString("yyyy-MM-dd HH:mm:ss"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{campaigns.Count} campaign(s)");
        return 0;
    }
}
