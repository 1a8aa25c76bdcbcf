using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Compute.Tasks;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.DriftGenerator;

/// <summary>Turns a campaign's drift scenario into task specs (one sequence per seed), each with the SHA-256 of its materialised data.</summary>
public sealed class GenerateTasksConsumer(TaskCache cache, ComputeGate gate, ILogger<GenerateTasksConsumer> log) : IConsumer<GenerateTasks>
{
    public async Task Consume(ConsumeContext<GenerateTasks> context)
    {
        GenerateTasks m = context.Message;
        MessageVersion.Require(m, 1);
        // Materialising is synchronous tensor work; keep it off the bus threads and free of awaits.
        var sequences = await gate.RunAsync(() => m.Seeds.Select(seed =>
        {
            using TaskLease lease = cache.Lease(m.Dataset, m.Drift, seed);
            return new SeedTasks(seed, lease.Tasks.Select(t =>
                new TaskSpec(t.Index, t.Description, m.Dataset, m.Drift, seed, t.TrainCount, t.TestCount, t.ContentHash)).ToArray());
        }).ToArray(), context.CancellationToken);
        log.LogInformation("Campaign {CampaignId}: {Tasks} tasks for {Seeds} seed(s) of {Scenario} on {Dataset}",
            m.CampaignId, sequences[0].Tasks.Count, sequences.Length, m.Drift.Kind, m.Dataset.Name);
        await context.Publish(new TasksReleased(m.CampaignId, sequences));
    }
}
