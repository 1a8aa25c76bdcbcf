using WidthRetrain.Cli.Bench;

namespace WidthRetrain.Cli.Tests;

/// <summary>The scale-out benchmark's account of where the cores went, from /proc's lines and from this machine's own /proc.</summary>
public sealed class CoreUseTests
{
    [Fact]
    public void AProcessLine_GivesItsCommand_AndUserPlusSystemSeconds_EvenWithSpacesAndParenthesesInTheCommand()
    {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        const string stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 9 9 20 0 3 0 100 0 0";

        var (command, seconds) = CoreUse.ProcessSeconds(stat);

        Assert.Equal("my (odd) name", command);
        Assert.Equal(3.25, seconds, 9); // (250 + 75) ticks at 100 a second; the children's 9 + 9 are not this process's
    }

    [Fact]
    public void TheMachineLine_CountsIdleAndIowaitAsNotBusy()
    {
        var (busy, total) = CoreUse.MachineSeconds("cpu  1000 50 200 5000 300 10 20 5 0 0");

        Assert.Equal(12.85, busy, 9);
        Assert.Equal(65.85, total, 9);
    }

    [Theory]
    [InlineData("intr 1 2 3")]
    [InlineData("4242 no parentheses")]
    public void LinesThatAreNotProcs_AreRefused(string line) =>
        Assert.ThrowsAny<FormatException>(() => line.StartsWith("intr", StringComparison.Ordinal) ? CoreUse.MachineSeconds(line) : CoreUse.ProcessSeconds(line));

    [Fact]
    public void Between_GivesEachPartsCores_TheRest_AndIdle_SummingToTheMachine()
    {
        var from = new CoreSample(100, 400, new Dictionary<string, double> { ["trainers"] = 10, ["planner"] = 5, ["gone"] = 7 });
        // 10 s on 2 cores: 20 core-seconds, 16 of them busy.
        var to = new CoreSample(116, 420, new Dictionary<string, double> { ["trainers"] = 20, ["planner"] = 8, ["gone"] = 0 });

        var cores = CoreUse.Between(from, to, 10, ["trainers", "planner", "gone", "never seen"]).ToDictionary(c => c.Part, c => c.Cores);

        Assert.Equal(1.0, cores["trainers"], 9);
        Assert.Equal(0.3, cores["planner"], 9);
        Assert.Equal(0, cores["gone"]); // a process replaced between the samples counts nothing, never less than nothing
        Assert.Equal(0, cores["never seen"]);
        Assert.Equal(0.3, cores["the rest"], 9);
        Assert.Equal(0.4, cores["idle"], 9);
        Assert.Equal(2.0, cores.Values.Sum(), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => CoreUse.Between(from, to, 0, []));
    }

    [Fact]
    public void OnThisMachine_ThisProcessesCpuTime_IsCountedAsItsPart()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan start = self.TotalProcessorTime;
        CoreSample? before = CoreUse.Take([("this test", Environment.ProcessId)]);
        Assert.NotNull(before);
        double x = 0;
        // Busy until this process has used 0.6 s of CPU, however loaded the machine is (other tests' threads count too).
        while (CpuSince(self, start) < 0.6) for (int i = 0; i < 100_000; i++) x += Math.Sqrt(i);
        CoreSample? after = CoreUse.Take([("this test", Environment.ProcessId)]);
        double used = CpuSince(self, start);
        Assert.NotNull(after);

        Assert.True(x > 0);
        // The samples lie inside [start, used]; margins for other tests' threads, which run in this process while the
        // samples read /proc (a few tens of ms on two cores).
        Assert.InRange(after.Parts["this test"] - before.Parts["this test"], 0.3, used + 0.25);
        // Busy is total less idle, in whole ticks: at most the total, up to rounding (a fully busy machine reaches it).
        Assert.InRange(after.BusySeconds - before.BusySeconds, 0.3, after.TotalSeconds - before.TotalSeconds + 1e-6);
    }

    private static double CpuSince(System.Diagnostics.Process self, TimeSpan start)
    {
        self.Refresh();
        return (self.TotalProcessorTime - start).TotalSeconds;
    }
}
