using System.Globalization;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// Where a machine's cores went: CPU time of the suite's own processes, of PostgreSQL and RabbitMQ, and of the
/// machine as a whole, read from Linux's /proc. Two samples give each part's average cores over the span between
/// them, so a benchmark can say whether its services were starved of cores or simply had nothing to do.
/// </summary>
public static class CoreUse
{
    /// <summary>Linux reports CPU times in USER_HZ ticks, which is 100 a second on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public const string Database = "postgresql";
    public const string Broker = "rabbitmq";
    public const string Rest = "the rest";
    public const string Idle = "idle";

    /// <summary>The command names of the database's and the broker's processes (every backend, the Erlang VM and its helpers).</summary>
    private static readonly Dictionary<string, string> SystemParts = new(StringComparer.Ordinal)
    {
        ["postgres"] = Database,
        ["beam.smp"] = Broker,
        ["erl_child_setup"] = Broker,
        ["epmd"] = Broker,
        ["inet_gethost"] = Broker,
    };

    /// <summary>
    /// CPU seconds so far of each part: <paramref name="processes"/> by the part they are given, the database and
    /// broker by command name, and the machine's busy and total seconds over all cores. Null where /proc cannot be read.
    /// </summary>
    public static CoreSample? Take(IEnumerable<(string Part, int Pid)> processes)
    {
        try
        {
            var (busy, total) = MachineSeconds(File.ReadLines("/proc/stat").First());
            var parts = new Dictionary<string, double>(StringComparer.Ordinal);
            var own = new HashSet<int>();
            foreach (var (part, pid) in processes)
            {
                own.Add(pid);
                if (ReadStat(pid) is { } stat) Add(parts, part, ProcessSeconds(stat).Seconds);
            }
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || own.Contains(pid)) continue;
                if (ReadStat(pid) is not { } stat) continue;
                var (command, seconds) = ProcessSeconds(stat);
                if (SystemParts.TryGetValue(command, out string? part)) Add(parts, part, seconds);
            }
            return new CoreSample(busy, total, parts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Average cores each part used between <paramref name="from"/> and <paramref name="to"/>, ordered as
    /// <paramref name="order"/> names them, then "the rest" (busy time no part accounts for: this benchmark, the kernel,
    /// anything else on the machine) and "idle"; the machine's core count is their sum.
    /// </summary>
    public static IReadOnlyList<(string Part, double Cores)> Between(CoreSample from, CoreSample to, double wallSeconds, IEnumerable<string> order)
    {
        if (wallSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(wallSeconds), wallSeconds, "must be more than 0");
        // A process that ended between the samples leaves its time uncounted (it goes to "the rest"), never negative.
        double Of(string part) => Math.Max(0, to.Parts.GetValueOrDefault(part) - from.Parts.GetValueOrDefault(part));
        string[] names = [.. order];
        var result = names.Select(n => (n, Of(n) / wallSeconds)).ToList();
        double busy = (to.BusySeconds - from.BusySeconds) / wallSeconds, total = (to.TotalSeconds - from.TotalSeconds) / wallSeconds;
        result.Add((Rest, Math.Max(0, busy - result.Sum(r => r.Item2))));
        result.Add((Idle, Math.Max(0, total - busy)));
        return result;
    }

    /// <summary>Busy and total seconds over all cores from /proc/stat's first ("cpu ...") line.</summary>
    public static (double Busy, double Total) MachineSeconds(string cpuLine)
    {
        string[] f = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 5 || f[0] != "cpu") throw new FormatException($"not /proc/stat's cpu line: {cpuLine}");
        // user nice system idle iowait irq softirq steal (guest time is already inside user).
        long[] t = [.. f.Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture))];
        long total = t.Sum(), idle = t[3] + (t.Length > 4 ? t[4] : 0);
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The command name and user + system seconds from a /proc/PID/stat line.</summary>
    public static (string Command, double Seconds) ProcessSeconds(string stat)
    {
        // The command is in parentheses and may itself hold spaces or parentheses: the fields resume after the last ')'.
        int open = stat.IndexOf('('), close = stat.LastIndexOf(')');
        if (open < 0 || close < open) throw new FormatException($"not a /proc/PID/stat line: {stat}");
        string[] f = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // f[0] is field 3 (state); utime and stime are fields 14 and 15.
        if (f.Length < 13) throw new FormatException($"not a /proc/PID/stat line: {stat}");
        long ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        return (stat[(open + 1)..close], ticks / TicksPerSecond);
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // it ended while the folder was listed
        }
    }

    private static void Add(Dictionary<string, double> parts, string part, double seconds) => parts[part] = parts.GetValueOrDefault(part) + seconds;
}
