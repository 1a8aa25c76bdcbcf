using Spectre.Console;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Investment.Texts;
using WidthRetrain.Planner.Audit;

namespace WidthRetrain.Cli.Audit;

/// <summary>How the audit's verdicts are shown: the decisions re-derived, each finding on one line, the head hash.</summary>
public static class AuditPrinter
{
    public const int AuditFailed = 3;

    /// <summary>A list rather than a table, so a long step or difference wraps under its stage at any width.</summary>
    public static void Decisions(IReadOnlyList<ReplayStep> steps)
    {
        foreach (ReplayStep s in steps)
        {
            if (s.Identical)
            {
                AnsiConsole.MarkupLineInterpolated($"stage {s.Stage}: {DecisionText.Step(s.Recorded)} [green]identical[/] on replay");
                continue;
            }
            AnsiConsole.MarkupLineInterpolated($"stage {s.Stage}: [red]different[/] on replay");
            AnsiConsole.Write(Terminal.Indented(new Text($"recorded: {DecisionText.Step(s.Recorded)}\nreplayed: {DecisionText.Step(s.Replayed)}\n{string.Join("\n", s.Differences)}"), 2));
        }
    }

    /// <summary>One line of verdict, then every finding; returns the exit code (0, or 3 when anything does not hold).</summary>
    public static int Verdict(CampaignAuditReport r)
    {
        string checkpoints = r.CheckpointsChecked + r.CheckpointsAbsent == 0 ? "" : $", {r.CheckpointsChecked} checkpoint file(s) checked ({r.CheckpointsAbsent} not present here)";
        if (r.Passed)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]audit passed[/]: campaign {r.CampaignId}: {r.Events} events and {r.RoundStreams} round streams chain intact{checkpoints}; every decision follows from the recorded evidence");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[red]audit failed[/]: campaign {r.CampaignId}: {r.Findings.Count} finding(s); the first bad event: {r.Findings[0]}");
            foreach (AuditFinding f in r.Findings.Skip(1).Take(20)) AnsiConsole.MarkupLineInterpolated($"  - {f}");
            if (r.Findings.Count > 21) AnsiConsole.MarkupLineInterpolated($"  ... and {r.Findings.Count - 21} more");
        }
        AnsiConsole.MarkupLineInterpolated($"head hash: {r.HeadHash ?? "-"}");
        return r.Passed ? 0 : AuditFailed;
    }
}
