using Marten;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// `widthretrain campaigns`: every campaign in the event store, newest first. A list rather than a table: each id
/// whole at the start of its line (to copy or grep at any terminal width), its description wrapped under it.
/// </summary>
public sealed class CampaignsCommand : AsyncCommand<CampaignsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CampaignsSettings settings, CancellationToken cancellationToken)
    {
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        await using var q = store.QuerySession();
        var campaigns = await q.Query<CampaignSummary>().OrderByDescending(c => c.StartedAt).ToListAsync(cancellationToken);
        if (JsonOutput.ToStdout(settings.Json))
        {
            JsonOutput.Write(settings.Json, campaigns);
            return 0;
        }
        AnsiConsole.Write(Lines(campaigns));
        AnsiConsole.MarkupLineInterpolated($"{campaigns.Count} campaign(s)");
        JsonOutput.Write(settings.Json, campaigns);
        return 0;
    }

    private static Rows Lines(IReadOnlyList<CampaignSummary> campaigns)
    {
        var lines = new List<Spectre.Console.Rendering.IRenderable>
        {
            new Markup($"[bold]{"id",-36}  {"status",-9}  {"rounds",9}  {"started (UTC)",-16}[/]"),
        };
        foreach (CampaignSummary c in campaigns)
        {
            // 36 + 2 + 9 + 2 + 9 + 2 + 16 = 76 columns: fits 80 whatever the name and description.
            lines.Add(new Text($"{c.Id}  {c.Status.Text(),-9}  {$"{c.RoundsDone}/{c.RoundsTotal}",9}  {c.StartedAt:yyyy-MM-dd HH:mm}"));
            string widths = c.Policy is null ? $"widths {string.Join(",", c.Widths)}" : $"staged ({c.Policy}), stage {c.Stage}";
            lines.Add(Terminal.Indented(new Text(
                $"{c.Name}: {c.Dataset}, {c.Scenario} x {c.Tasks}, {widths}, seeds {string.Join(",", c.Seeds)}; cost {NumberText.Cost(c.TotalCost)} {c.Currency}",
                new Style(Color.Grey)), 2));
        }
        return new Rows(lines);
    }
}
