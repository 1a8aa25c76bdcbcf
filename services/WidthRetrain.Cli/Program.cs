using System.Runtime.InteropServices;
using Spectre.Console;
using Spectre.Console.Cli;
using WidthRetrain.Cli.Audit;
using WidthRetrain.Cli.Bench;
using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Cli.Contracts;
using WidthRetrain.Cli.Dashboard;
using WidthRetrain.Cli.Replay;
using WidthRetrain.Cli.Report;
using WidthRetrain.Cli.Scenarios;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Cli.Store;
using WidthRetrain.Cli.Sweep;
using WidthRetrain.Hosting;
using WidthRetrain.Learning.Checkpoints;
using WidthRetrain.Learning.Data;

// Pipes and logs are laid out for $COLUMNS or 80 columns, a terminal for its own width.
Terminal.Configure();

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("widthretrain");
    config.PropagateExceptions();
    config.AddCommand<SweepCommand>("sweep")
        .WithDescription("Retrain MLPs of several widths through a drifting task sequence and measure how much each forgets (the paper's protocol by default).")
        .WithExample("sweep", "--dataset", "fashion-mnist", "--widths", "32,256", "--train-limit", "10000")
        .WithExample("sweep", "--scenario", "permutation", "--widths", "64,128,256", "--seeds", "1,2,3", "--json", "sweep.json", "--plot", "sweep.png");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Run a campaign: every service in this process (default) or sent to a deployed suite (--rabbitmq); live progress, then its table.")
        .WithExample("run", "--dataset", "synthetic", "--widths", "32,128", "--tasks", "3", "--plot", "campaign.png");
    config.AddCommand<ScenariosCommand>("scenarios")
        .WithDescription("List every drift scenario kind with its parameters (their defaults, allowed values and meaning), as run and sweep take them.")
        .WithExample("scenarios", "--json");
    config.AddCommand<CampaignsCommand>("campaigns").WithDescription("List the campaigns in the event store.");
    config.AddCommand<ShowCommand>("show").WithDescription("Show one campaign from the event store.");
    config.AddCommand<ReportCommand>("report")
        .WithDescription("Write a campaign's decision report: stages, decisions with their evidence, width curve and fit, spend, plots (Markdown, HTML, PNG).");
    config.AddCommand<ResumeCommand>("resume")
        .WithDescription("Continue a failed or interrupted campaign from the event store: recorded work is not redone, pending work is sent again.");
    config.AddCommand<VerifyCommand>("verify")
        .WithDescription("Verify the record of one campaign or of all: hash chains, completeness, policies, decisions, checkpoints (exit 3 on any break).");
    config.AddCommand<ReplayCommand>("replay")
        .WithDescription("Re-derive a campaign's investment decisions from its events (audit), or decide again under another policy or price book.");
    config.AddCommand<DashboardCommand>("dashboard")
        .WithDescription("Serve the web dashboard from this process: campaigns, live progress, decisions, width curve, accuracy, replay; until Ctrl-C.")
        .WithExample("dashboard", "--port", "8080");
    config.AddCommand<MigrateCommand>("migrate")
        .WithDescription("Create or update the event store schema as its owner ($WIDTHRETRAIN_POSTGRES_OWNER) and grant the services' role read and append rights only.");
    config.AddCommand<PruneCommand>("prune")
        .WithDescription("Retention of the checkpoint store: delete the checkpoints of campaigns finished long enough ago, optionally keeping each chain's final model.");
    config.AddCommand<AsyncApiCommand>("asyncapi")
        .WithDescription("Print the suite's message contracts as an AsyncAPI 3.0 document: exchanges, queues, operations per service, payload schemas, the envelope.")
        .WithExample("asyncapi", "--out", "docs/asyncapi.json");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks that print figures (run them on a quiet machine).");
        bench.AddCommand<TrainingBenchCommand>("training")
            .WithDescription("Training throughput and GFLOP/s per width, one model and a group of siblings, against libtorch's matmul.");
        bench.AddCommand<CampaignBenchCommand>("campaign")
            .WithDescription("Runs a campaign as `run` does (give it run's options, e.g. the demo's files) and prints its wall time against its FLOP-bound limit.");
        bench.AddCommand<OrchestrationBenchCommand>("orchestration")
            .WithDescription("Wall time of campaigns through the bus and the event store against their pure training and evaluation time.");
        bench.AddCommand<PlannerBenchCommand>("planner")
            .WithDescription("Planner overhead per round at 100 and at 10,000 rounds (workers that answer at once): does it stay flat?");
        bench.AddCommand<ReplayBenchCommand>("replay")
            .WithDescription("Replay speed: events per second and the time to re-derive the decisions of a 10,000-round campaign from PostgreSQL.");
        bench.AddCommand<ScaleOutBenchCommand>("scale-out")
            .WithDescription("Speed-up of a campaign with N trainer processes over one (one libtorch thread each), the suite deployed as processes on RabbitMQ.")
            .WithExample("bench", "scale-out", "--trainers", "2");
    });
});

// Ctrl-C and SIGTERM cancel the command; it stops within seconds and says what it left behind.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    interrupt.Cancel();
});

try
{
    return await app.RunAsync(args, interrupt.Token);
}
catch (Exception e) when (e is DatasetFormatException or CheckpointIntegrityException or CommandParseException or CommandRuntimeException
                              or FileNotFoundException || ServiceHost.SettingsError(e) is not null)
{
    // Bad input: one clear, unwrapped line on stderr naming every bad field, no stack trace.
    await Console.Error.WriteLineAsync($"error: {ServiceHost.SettingsError(e) ?? e.Message}");
    return 2;
}
catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("interrupted");
    return CampaignSession.Interrupted;
}
catch (Exception e) when (CampaignFollower.IsStoreOutage(e) || e is InvalidOperationException { InnerException: not null } && CampaignFollower.IsStoreOutage(e.InnerException))
{
    await Console.Error.WriteLineAsync($"error: the event store is unreachable: {CampaignFollower.OneLine(e)}");
    return 5;
}
catch (Exception e) when (Environment.GetEnvironmentVariable("WIDTHRETRAIN_DEBUG") is null)
{
    // Anything else is a fault of the tool: one line, and the way to see more.
    await Console.Error.WriteLineAsync($"error: {e.GetType().Name}: {CampaignFollower.OneLine(e)} (set WIDTHRETRAIN_DEBUG=1 for the stack trace)");
    return 70;
}
