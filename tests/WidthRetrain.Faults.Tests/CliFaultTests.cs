using System.Diagnostics;
using System.Text.RegularExpressions;
using Marten;
using WidthRetrain.Planner.Projections;

namespace WidthRetrain.Faults.Tests;

/// <summary>The embedded CLI killed part-way, or stopped with SIGTERM: it says what it left, and `resume` finishes the campaign.</summary>
[Trait("Category", "Faults")]
public sealed partial class CliFaultTests
{
    private static string[] Run(ScratchStore store) =>
        ["run", "--schema", store.Schema, "--dataset", "synthetic", "--train-limit", "12000", "--test-limit", "300", "--widths", "16,32", "--seeds", "1,2",
            "--tasks", "5", "--epochs", "4", "--threads", "1"];

    [Fact]
    public async Task EmbeddedRunKilledAt80Percent_ResumeCompletesIt_WithoutLosingOrDuplicatingARound()
    {
        await using var store = new ScratchStore("resume");
        var wall = Stopwatch.StartNew();
        using Process run = CliRunner.Start(store.Environment, Run(store));
        (Guid id, string seen) = await ReadUntilAsync(run, "Campaign [0-9a-f-]{36}");
        Task<string> rest = run.StandardOutput.ReadToEndAsync(); // keep the pipe drained
        // 80 %, read from the event store every 20 ms (the console shows progress only every half second): at least two
        // rounds are still to go when the kill lands.
        await using var marten = DocumentStore.For(o => WidthRetrain.Planner.Store.PlannerStore.Configure(o, TestInfrastructure.Postgres, store.Schema));
        int done = 0;
        var deadline = Stopwatch.StartNew();
        while (done < 16 && deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(20);
            await using IQuerySession poll = marten.QuerySession();
            done = (await poll.LoadAsync<CampaignSummary>(id))?.RoundsDone ?? 0;
        }
        run.Kill(entireProcessTree: true); // kill -9 of the whole suite, mid-campaign
        await run.WaitForExitAsync();
        Assert.InRange(done, 16, 18);
        seen += await rest;

        var resume = Stopwatch.StartNew();
        var (code, output) = CliRunner.Run(store.Environment, "resume", id.ToString()[..8], "--schema", store.Schema, "--threads", "1");
        Assert.True(code == 0, seen + output);
        Assert.DoesNotContain("already completed", output); // killed mid-campaign, not after it
        Assert.Contains("Resuming campaign", output);
        Assert.Contains("Campaign completed", output);
        var (replayCode, replay) = CliRunner.Run(store.Environment, "replay", id.ToString(), "--schema", store.Schema);
        Assert.True(replayCode == 0, replay);

        await using IQuerySession q = marten.QuerySession();
        var rounds = await q.Query<RoundView>().Where(r => r.CampaignId == id).ToListAsync();
        Assert.Equal(20, rounds.Count);
        Assert.All(rounds, r => Assert.Equal(RoundView.Costed, r.Status));
        Assert.Equal(20, (await q.LoadAsync<CampaignSummary>(id))!.RoundsDone);
        RecordCheck check = await RecordCheck.OfAsync(marten, store.Environment["WIDTHRETRAIN_CHECKPOINTS"], id, 20);
        FaultReport.Add("embedded run killed", "`widthretrain run` (every service in one process) killed with kill -9 at 80 %, then `widthretrain resume` (recovery: the whole resume)", check,
            [resume.Elapsed], wall.Elapsed);
        check.AssertIntact();
        Assert.True(resume.Elapsed < wall.Elapsed, "resume took longer than the whole run: it redid work");
    }

    [Fact]
    public async Task EmbeddedRunStoppedWithSigterm_ExitsWithinSeconds_SayingHowToResume()
    {
        await using var store = new ScratchStore("sigterm");
        using Process run = CliRunner.Start(store.Environment, Run(store));
        (Guid id, _) = await ReadUntilAsync(run, @"rounds [1-9]/20");
        var clock = Stopwatch.StartNew();
        using (Process kill = Process.Start("kill", ["-TERM", run.Id.ToString()])) await kill.WaitForExitAsync();
        Task<string> rest = run.StandardOutput.ReadToEndAsync();
        Task<string> errors = run.StandardError.ReadToEndAsync();
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(20)), "run did not stop within 20 s of SIGTERM");
        TimeSpan took = clock.Elapsed;
        string said = await rest + await errors;
        Assert.Equal(130, run.ExitCode);
        Assert.Contains($"interrupted: campaign {id} stays recorded up to here; `widthretrain resume {id}` continues it", said);
        Assert.DoesNotContain("   at ", said); // no stack trace
        Assert.True(took < TimeSpan.FromSeconds(15), $"stopping took {took.TotalSeconds:0.0} s");
    }

    /// <summary>Reads the run's output until a line matches; returns the campaign id it printed and everything read.</summary>
    private static async Task<(Guid Id, string Output)> ReadUntilAsync(Process run, string pattern)
    {
        var output = new System.Text.StringBuilder();
        Guid? id = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await run.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (id is null && CampaignId().Match(line) is { Success: true } m) id = Guid.Parse(m.Groups[1].Value);
            if (id is not null && Regex.IsMatch(line, pattern)) return (id.Value, output.ToString());
        }
        throw new InvalidOperationException($"run ended before '{pattern}': {output}{await run.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"Campaign ([0-9a-f-]{36})")]
    private static partial Regex CampaignId();
}
