using System.Diagnostics;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Planner;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// `widthretrain bench replay`: writes a generated staged campaign of (by default) 10,000 rounds into a scratch schema,
/// with the decisions its policy makes, then times what `replay` does: read the campaign stream from PostgreSQL,
/// rebuild the stages and re-derive every decision. Target: under 1 s for 10,000 rounds.
/// </summary>
public sealed class ReplayBenchCommand : AsyncCommand<ReplayBenchSettings>
{
    private static readonly InvestmentPolicy Policy = new(StartWidth: 32, GrowthFactor: 1.25, CapWidth: 65_536, MinimumGain: 0, ReturnThreshold: 0,
        Confidence: 0.6, UseForecast: false);

    public override async Task<int> ExecuteAsync(CommandContext context, ReplayBenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Seeds < 2 || settings.Tasks < 2 || settings.Stages < 1)
            throw new ArgumentException("--seeds and --tasks: at least 2; --stages: at least 1");
        StoreSettings scratch = ScratchSchema.For(settings, "bench_replay_");
        var (host, store) = await Suite.OpenReaderAsync(scratch, cancellationToken);
        using IHost reader = host;
        try
        {
            var write = Stopwatch.StartNew();
            Guid id = await WriteCampaignAsync(store, settings, cancellationToken);
            double writeSeconds = write.Elapsed.TotalSeconds;

            var clock = Stopwatch.StartNew();
            await using var q = store.QuerySession();
            CampaignHistory history = (await CampaignHistory.LoadAsync(q, id, cancellationToken))!;
            double read = clock.Elapsed.TotalSeconds;
            var (stages, spent) = InvestmentHistory.Build(history.Stages, history.Rounds, Policy);
            var audit = DecisionReplayer.Audit(Policy, stages, spent, history.Decisions.Select(d => d.Decision).ToArray(), InvestmentHistory.Shape(history.Spec));
            double total = clock.Elapsed.TotalSeconds;

            var table = new Table().Border(TableBorder.Rounded).AddColumns(new[] { "rounds", "stages", "events", "read s", "re-decide s", "total s", "events/s", "identical" }
                .Select(h => new TableColumn(h).RightAligned()).ToArray());
            table.AddRow(history.Rounds.Count.ToString(), stages.Count.ToString(), history.EventCount.ToString(), read.ToString("0.000"), (total - read).ToString("0.000"),
                total.ToString("0.000"), (history.EventCount / total).ToString("0"), $"{audit.Count(s => s.Identical)}/{audit.Count}");
            AnsiConsole.MarkupLineInterpolated($"[bold]Replay from PostgreSQL[/] of a generated staged campaign (written in {writeSeconds:0.0} s)");
            AnsiConsole.Write(table);
            bool met = total < 1 && audit.All(s => s.Identical);
            AnsiConsole.MarkupLine($"{(met ? "[green]met[/]   " : "[red]missed[/]")} replay of {history.Rounds.Count} rounds in {total:0.000} s (target < 1 s, every decision identical)");
            return 0;
        }
        finally
        {
            await ScratchSchema.DropAsync(scratch);
        }
    }

    /// <summary>Forgetting that falls with width as a power law with an offset, seed noise, and costs that grow with width.</summary>
    private static async Task<Guid> WriteCampaignAsync(IDocumentStore store, ReplayBenchSettings s, CancellationToken cancel)
    {
        var id = NewId.NextGuid();
        var spec = new CampaignSpec("bench-replay", new DatasetSpec("synthetic"), new DriftSpec("rotation", s.Tasks), [], 1, "relu", new TrainingSpec(),
            Enumerable.Range(1, s.Seeds).Select(i => (long)i).ToArray(), PriceBook.Default, Policy: Policy);
        var events = new List<object> { new CampaignStarted(id, spec, DateTimeOffset.UtcNow) };
        var rounds = new List<RoundCompleted>();
        var stagesStarted = new List<StageStarted>();
        var random = new Random(7);
        StageStarted stage = StagePlan.First(id, spec);
        while (true)
        {
            events.Add(stage);
            stagesStarted.Add(stage);
            foreach (ArmSpec arm in stage.Arms)
                foreach (long seed in spec.Seeds)
                    for (int k = 0; k < s.Tasks; k++)
                    {
                        double drop = 0.02 + 0.3 * Math.Pow(arm.Width, -0.3) + 0.005 * random.NextDouble();
                        double[] row = Enumerable.Range(0, s.Tasks).Select(j => j > k ? 0.1 : Math.Max(0.1, 0.9 - drop * (k - j) / s.Tasks * 5)).ToArray();
                        double cost = 1e-6 * arm.Width * (1 + 0.01 * random.NextDouble());
                        var r = new RoundCompleted(RoundIds.Ref(id, stage.Stage, arm, seed, k, s.Tasks), row, k == 0 ? Enumerable.Repeat(0.1, s.Tasks).ToArray() : null,
                            new CheckpointRef("x", "y"), 1, 0.1, 1000, 1e9, new RoundCost(cost, cost / 10, 0, 0, null, cost * 1.1, 1e-6 * arm.Width, "USD"), 0,
                            "bench", [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()], "cpu", "cpu", 2e3 * arm.Width);
                        rounds.Add(r);
                        events.Add(r);
                    }
            var (records, spent) = InvestmentHistory.Build(stagesStarted, rounds, Policy);
            InvestmentDecision decision = PolicyRegistry.Standard.ForRecorded(Policy).Decide(Policy, records, spent[^1], InvestmentHistory.Shape(spec));
            events.Add(new DecisionMade(id, decision, Policy));
            StageStarted? next = StagePlan.Next(id, spec, decision);
            if (next is null || next.Stage > s.Stages) break;
            stage = next;
        }
        await using var session = store.LightweightSession();
        session.Events.StartStream<CampaignState>(id, events.ToArray());
        await session.SaveChangesAsync(cancel);
        return id;
    }
}
