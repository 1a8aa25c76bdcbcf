using WidthRetrain.Learning;

namespace WidthRetrain.Compute;

/// <summary>The "Compute" section: how this process runs tensor work.</summary>
public sealed class ComputeOptions
{
    public const string Section = "Compute";

    /// <summary>libtorch threads of the compute thread (null: all cores). Part of determinism: keep it fixed for bit-exact reruns.</summary>
    public int? Threads { get; set; }

    /// <summary>auto, cpu or cuda. auto picks CUDA when libtorch reports it, else the CPU.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>
    /// Memory for materialised task sequences not in use (MiB). A stage trains every seed's sequence round-robin, so it
    /// should hold one per seed: 20,000 + 5,000 Fashion-MNIST images over 5 tasks take about 0.4 GiB a seed.
    /// </summary>
    public int TaskCacheMiB { get; set; } = 2048;

    /// <summary>
    /// Rounds a trainer holds at once and may train together as one stacked model (1: one at a time). Each still
    /// ends bit for bit where it would alone; with several trainers, rounds held by a busy one wait for it.
    /// </summary>
    public int GroupRounds { get; set; } = 8;

    /// <summary>
    /// How long, at most, a round waits for the siblings it trained with on the previous task (ms; 0: never waits; never
    /// longer than that group took to train, and a stage's first rounds wait at most <see cref="FirstRoundsGatherMilliseconds"/>
    /// for one another). They come after their own evaluations and prices; the compute thread does other work meanwhile.
    /// </summary>
    public int GroupWaitMilliseconds { get; set; } = 1500;

    /// <summary>
    /// How long a stage's first rounds wait for one another (ms; 0: never; at most <see cref="GroupWaitMilliseconds"/>). The
    /// planner sends them together, so they arrive within milliseconds; without this the first one finds the compute
    /// thread free, trains alone, and its chain then trains alone to the end.
    /// </summary>
    public int FirstRoundsGatherMilliseconds { get; set; } = 100;

    /// <summary>Every broken rule, naming the setting and what is allowed.</summary>
    public IEnumerable<string> Problems()
    {
        if (Threads is < 1 or > 1024) yield return $"{Section}:Threads: must be 1 to 1024 when given, got {Threads}";
        if (GroupRounds is < 1 or > 64) yield return $"{Section}:GroupRounds: must be 1 to 64 rounds, got {GroupRounds}";
        foreach (var (name, value) in new[] { (nameof(GroupWaitMilliseconds), GroupWaitMilliseconds), (nameof(FirstRoundsGatherMilliseconds), FirstRoundsGatherMilliseconds) })
            if (value is < 0 or > 600_000) yield return $"{Section}:{name}: must be 0 to 600000 (ms), got {value}";
        if (TaskCacheMiB is < 0 or > 1_048_576) yield return $"{Section}:TaskCacheMiB: must be 0 to 1048576 (MiB), got {TaskCacheMiB}";
        if (!TorchRuntime.DeviceChoices.Contains((Device ?? "").Trim().ToLowerInvariant()))
            yield return $"{Section}:Device: unknown value '{Device}'; allowed: {string.Join(", ", TorchRuntime.DeviceChoices)}";
    }
}
