using Marten;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Campaigns;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Store;

/// <summary>
/// `widthretrain prune`: retention for the checkpoint store. Deletes the checkpoints of campaigns that finished long enough
/// ago (a running campaign is never touched), optionally keeping each chain's final model. The event store keeps every
/// hash, so `verify` still checks the files that remain and counts the pruned ones as not present.
/// </summary>
public sealed class PruneCommand : AsyncCommand<PruneSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PruneSettings settings, CancellationToken cancellationToken)
    {
        if (!(settings.OlderThanDays >= 0)) throw new ArgumentException($"--older-than: must be 0 or more days, got {settings.OlderThanDays}");
        string root = CheckpointLocation.Resolve(settings.Checkpoints);
        if (!Directory.Exists(root)) throw new ArgumentException($"--checkpoints: {root} does not exist");
        var (host, store) = await Suite.OpenReaderAsync(settings, cancellationToken);
        using IHost reader = host;
        DateTimeOffset cutoff = DateTimeOffset.UtcNow.AddDays(-settings.OlderThanDays);
        long freed = 0;
        int pruned = 0, kept = 0;
        await using IQuerySession q = store.QuerySession();
        foreach (DirectoryInfo folder in new DirectoryInfo(root).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!Guid.TryParseExact(folder.Name, "N", out Guid id)) continue;
            CampaignSummary? summary = await q.LoadAsync<CampaignSummary>(id, cancellationToken);
            string? why = summary switch
            {
                null when settings.IncludeUnknown && folder.LastWriteTimeUtc <= cutoff.UtcDateTime => "unknown to this event store",
                { IsFinished: true, FinishedAt: { } at } when at <= cutoff => $"{summary.Status.Text()} {at:yyyy-MM-dd HH:mm}",
                _ => null,
            };
            if (why is null)
            {
                kept++;
                continue;
            }
            FileInfo[] doomed = [.. folder.EnumerateFiles("*", SearchOption.AllDirectories).Where(f => !settings.KeepFinal || !IsFinal(f))];
            long bytes = doomed.Sum(f => f.Length);
            AnsiConsole.MarkupLineInterpolated($"{(settings.DryRun ? "would prune" : "pruned")} {id} ({why}): {doomed.Length} file(s), {CampaignEstimate.Bytes(bytes)}");
            if (!settings.DryRun)
            {
                foreach (FileInfo f in doomed) f.Delete();
                if (!settings.KeepFinal) folder.Delete(recursive: true);
            }
            freed += bytes;
            pruned++;
        }
        AnsiConsole.MarkupLineInterpolated($"{(settings.DryRun ? "would free" : "freed")} {CampaignEstimate.Bytes(freed)} from {pruned} campaign(s); kept {kept} (running, recent, or unknown)");
        return 0;
    }

    /// <summary>A chain's last checkpoint and its record: the file with the highest task index in its seed folder.</summary>
    private static bool IsFinal(FileInfo f)
    {
        if (f.Directory is null) return false;
        int Task(string name) => name.StartsWith("task-", StringComparison.Ordinal) && int.TryParse(name[5..].Split('.')[0], out int k) ? k : -1;
        int last = f.Directory.EnumerateFiles("task-*.ckpt").Select(x => Task(x.Name)).DefaultIfEmpty(-1).Max();
        return last >= 0 && Task(f.Name) == last;
    }
}
