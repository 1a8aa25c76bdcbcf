using System.Globalization;
using MassTransit;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>`widthretrain run`: starts a campaign (embedded, or on a deployed suite), follows it live, prints its table.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        CampaignSpec spec = settings.ToSpec();
        CampaignLimits limits = settings.Limits(CampaignLimits.From(Suite.Configuration()));
        IReadOnlyList<string> problems = CampaignSpecValidator.Problems(spec, limits);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems)); // refused before anything is recorded
        AnsiConsole.MarkupLineInterpolated($"Estimate: {CampaignEstimate.Of(spec, limits.GflopsPerSecond).Describe()}");
        var id = NewId.NextGuid();
        string what = spec.Policy is { } p ? $"staged from width {p.StartWidth} (x{p.GrowthFactor}, cap {p.CapWidth})" : $"widths {string.Join(",", spec.Widths)}";
        return await CampaignSession.RunAsync(settings, id, new StartCampaign(id, spec),
            $"[bold]Campaign {id}[/] '{Markup.Escape(spec.Name)}': {spec.Dataset.Name}, {spec.Drift.Tasks} {spec.Drift.Kind} tasks, {what}, seeds {string.Join(",", spec.Seeds)}",
            cancellationToken, new Dictionary<string, string?>
            {
                ["Limits:MaxHours"] = limits.MaxHours.ToString(CultureInfo.InvariantCulture),
                ["Limits:MaxModelMemoryGiB"] = limits.MaxModelMemoryGiB.ToString(CultureInfo.InvariantCulture),
                ["Limits:MaxCheckpointGiB"] = limits.MaxCheckpointGiB.ToString(CultureInfo.InvariantCulture),
            });
    }
}
