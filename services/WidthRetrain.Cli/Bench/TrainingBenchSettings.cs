using System.ComponentModel;
using Spectre.Console.Cli;

namespace WidthRetrain.Cli.Bench;

/// <summary>Options of `widthretrain bench training`.</summary>
public sealed class TrainingBenchSettings : CommandSettings
{
    [CommandOption("--widths <LIST>")]
    [Description("Hidden widths to benchmark, comma-separated")]
    [DefaultValue("32,64,128,256,512,1024,2048,4096")]
    public string Widths { get; init; } = "32,64,128,256,512,1024,2048,4096";

    [CommandOption("--batches <LIST>")]
    [Description("Batch sizes to benchmark at every width, comma-separated")]
    [DefaultValue("32,256")]
    public string Batches { get; init; } = "32,256";

    [CommandOption("--group <N>")]
    [Description("Sibling models trained together in the group measurement (the seeds of an arm)")]
    [DefaultValue(3)]
    public int Group { get; init; } = 3;

    [CommandOption("--depth <N>")]
    [Description("Hidden layers of the benchmarked MLP")]
    [DefaultValue(1)]
    public int Depth { get; init; } = 1;

    [CommandOption("--seconds <S>")]
    [Description("Target duration of each timed measurement")]
    [DefaultValue(1.0)]
    public double Seconds { get; init; } = 1.0;

    [CommandOption("--repeats <N>")]
    [Description("Measurements per configuration; the median is reported")]
    [DefaultValue(3)]
    public int Repeats { get; init; } = 3;

    [CommandOption("--threads <N>")]
    [Description("libtorch threads for every measurement (default: as the product runs: the trainer by model size, the module path on all cores)")]
    public int? Threads { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Also write the figures as JSON")]
    public string? Json { get; init; }
}
