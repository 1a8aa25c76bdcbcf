using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Compute.Storage;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Redrive;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// What `run` and `resume` share: host the suite (embedded) or connect to a deployed one, send the command, follow the
/// campaign to its end, print its table and write its files. Exit codes: 0 completed, 1 failed (the reason in one
/// line), 4 still running at the timeout, 130 interrupted (the campaign stays recorded; `resume` continues it).
/// </summary>
public static class CampaignSession
{
    public const int Failed = 1;
    public const int TimedOut = 4;
    public const int Interrupted = 130;

    /// <param name="configuration">Settings for the embedded suite beyond the options (e.g. the limits the planner validates against).</param>
    /// <param name="headline">Console markup (escape the user's text in it).</param>
    public static async Task<int> RunAsync(ExecutionSettings settings, Guid id, object command, string headline, CancellationToken cancel,
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        if (settings.Threads is < 1) throw new ArgumentException($"--threads: must be at least 1, got {settings.Threads}");
        if (!(settings.TimeoutMinutes > 0)) throw new ArgumentException($"--timeout: must be a positive number of minutes, got {settings.TimeoutMinutes}");
        bool embedded = settings.RabbitMq is null;
        using IHost host = embedded
            ? Suite.Embedded(settings, CheckpointLocation.Resolve(settings.Checkpoints), settings.DataDir,
                new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>()) { ["Compute:Threads"] = settings.Threads?.ToString() })
            : Suite.Client(settings, settings.RabbitMq!);
        await host.PrepareStoreAsync(settings.ConnectionString, TimeSpan.FromSeconds(20), cancel, settings.OwnerConnectionString);
        await host.StartAsync(cancel);
        try
        {
            host.Services.GetService<RedriveScope>()?.Add(id);
            AnsiConsole.MarkupLine($"{headline} ({Markup.Escape(embedded ? "embedded: every service in this process" : $"sent to {Redact(settings.RabbitMq!)}")})");
            await host.Services.GetRequiredService<IBus>().Publish(command, command.GetType(), cancel);
            var store = host.Services.GetRequiredService<IDocumentStore>();
            CampaignSummary summary;
            try
            {
                summary = await CampaignFollower.FollowAsync(store, id, TimeSpan.FromMinutes(settings.TimeoutMinutes), cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"interrupted: campaign {id} stays recorded up to here; `widthretrain resume {id}` continues it");
                return Interrupted;
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"timeout: {e.Message}");
                return TimedOut;
            }
            CampaignReport report = (await CampaignReader.ReadAsync(store, id, CancellationToken.None))!;
            CampaignTables.Print(report);
            if (settings.Json is { } json)
            {
                SweepCommand.WriteAllTextCreatingFolder(json, JsonSerializer.Serialize(report, Json.Options));
                AnsiConsole.MarkupLineInterpolated($"Campaign written to [blue]{json}[/]");
            }
            if (settings.Plot is { } plot && report.Evidence.Count > 0)
            {
                CampaignPlot.Save(report, plot);
                AnsiConsole.MarkupLineInterpolated($"Plot written to [blue]{plot}[/]");
            }
            if (summary.Status == CampaignStatus.Completed) return 0;
            await Console.Error.WriteLineAsync($"campaign {id} failed: {summary.FailureReason}; `widthretrain resume {id}` tries again from where it stopped");
            return Failed;
        }
        finally
        {
            // Bounded: an in-flight round is cancelled and left for redelivery rather than waited for.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await host.StopAsync(stopping.Token);
        }
    }

    private static string Redact(string url) => Uri.TryCreate(url, UriKind.Absolute, out Uri? u) ? $"{u.Scheme}://{u.Host}:{u.Port}{u.AbsolutePath}" : "the broker";
}
