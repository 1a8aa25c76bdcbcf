using System.Globalization;

namespace WidthRetrain.Faults.Tests;

/// <summary>
/// One line per scenario in a Markdown table (faults injected, rounds expected, lost, duplicated, recovery time, wall
/// time), appended to $WIDTHRETRAIN_FAULT_REPORT (default: the temp folder); infra/test.sh prints it at the end.
/// </summary>
public static class FaultReport
{
    public static string File => Environment.GetEnvironmentVariable("WIDTHRETRAIN_FAULT_REPORT")
        ?? Path.Combine(Path.GetTempPath(), "widthretrain-fault-report.md");

    public static void Add(string scenario, string faults, RecordCheck check, IEnumerable<TimeSpan> recoveries, TimeSpan wall)
    {
        if (!System.IO.File.Exists(File) || new FileInfo(File).Length == 0)
            System.IO.File.WriteAllText(File, "| scenario | faults injected | rounds | lost | duplicated | recovery after each fault (s) | wall (s) | audit |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        string recovery = string.Join(", ", recoveries.Select(r => r.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        System.IO.File.AppendAllText(File, string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {faults} | {check.Completed}/{check.Expected} | {check.Lost} | {check.Duplicates} | {(recovery.Length == 0 ? "-" : recovery)} | {wall.TotalSeconds:0} | {(check.Audit.Passed ? "passed" : "FAILED")} |\n"));
    }
}
