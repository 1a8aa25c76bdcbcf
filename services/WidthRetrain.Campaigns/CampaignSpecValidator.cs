using System.Globalization;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Policies;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Campaigns;

/// <summary>
/// The rules documented on <see cref="CampaignSpec"/>: every broken rule, with the field's path and what is allowed.
/// Numbers must be finite (NaN and Infinity are refused everywhere). A spec that is valid field by field must also fit
/// the <see cref="CampaignLimits"/>: its largest model in a trainer's memory, its checkpoints on disk, its expected time.
/// </summary>
public static class CampaignSpecValidator
{
    public const int MaxWidth = 65_536;

    public static IReadOnlyList<string> Problems(CampaignSpec? spec, CampaignLimits? limits = null)
    {
        if (spec is null) return ["spec: missing"];
        limits ??= new CampaignLimits();
        var p = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Length > 100) p.Add("name: must be 1 to 100 characters");
        Dataset(spec.Dataset, p);
        Drift(spec.Drift, p);
        if (spec.Policy is not null)
        {
            Policy(spec.Policy, p);
            if (spec.Widths is { Count: > 0 })
                p.Add("widths: leave empty when a policy is given; the policy chooses the widths (startWidth, growthFactor, capWidth)");
        }
        else if (spec.Widths is null || spec.Widths.Count is 0 or > 16) p.Add("widths: give 1 to 16 widths");
        else
        {
            p.AddRange(spec.Widths.Where(w => w is < 1 or > MaxWidth).Select(w => $"widths: {w} is not allowed; each width must be 1 to {MaxWidth}"));
            if (spec.Widths.Distinct().Count() != spec.Widths.Count) p.Add("widths: each width may appear once");
        }
        if (spec.Depth is < 1 or > 8) p.Add($"depth: must be 1 to 8 hidden layers, got {spec.Depth}");
        if (!TryEnum<Activation>(spec.Activation, out _)) p.Add($"activation: unknown value '{spec.Activation}'; allowed: {Allowed<Activation>()}");
        Training(spec.Training, p);
        if (spec.Seeds is null || spec.Seeds.Count is 0 or > 32) p.Add("seeds: give 1 to 32 seeds");
        else if (spec.Seeds.Distinct().Count() != spec.Seeds.Count) p.Add("seeds: each seed may appear once");
        Prices(spec.Prices, p);
        if (spec.Budget is { } b && !Positive(b)) p.Add($"budget: must be a positive number when given, got {Num(b)}");
        if (p.Count == 0) Fits(CampaignEstimate.Of(spec, limits.GflopsPerSecond), spec, limits, p);
        if (spec.Training is { BatchSize: > 0 } t2)
        {
            if (t2.BatchSize > limits.MaxBatchSize) p.Add($"training.batchSize: at most {limits.MaxBatchSize} (Limits:MaxBatchSize), got {t2.BatchSize}");
            else if (spec.Dataset?.TrainLimit is { } n && n > 0 && t2.BatchSize > n) p.Add($"training.batchSize: at most the {n} training samples of dataset.trainLimit, got {t2.BatchSize}");
        }
        return p;
    }

    /// <summary>A valid spec whose estimate passes a ceiling is refused, naming the field that drives it and the setting that lifts it.</summary>
    private static void Fits(CampaignEstimate e, CampaignSpec spec, CampaignLimits limits, List<string> p)
    {
        string widths = spec.Policy is null ? "widths" : "policy.capWidth";
        if (e.TrainingMemoryBytes > limits.MaxModelMemoryGiB * (1L << 30))
            p.Add($"{widths}: width {e.LargestWidth} at depth {spec.Depth} has {e.LargestModelParameters:#,0} parameters and needs {CampaignEstimate.Bytes(e.TrainingMemoryBytes)} to train; a trainer allows {limits.MaxModelMemoryGiB:0.#} GiB (Limits:MaxModelMemoryGiB, --max-memory-gib)");
        if (e.CheckpointBytes > limits.MaxCheckpointGiB * (1L << 30))
            p.Add($"{widths}: the checkpoints of {e.Rounds} rounds take {CampaignEstimate.Bytes(e.CheckpointBytes)}; the store allows {limits.MaxCheckpointGiB:0.#} GiB (Limits:MaxCheckpointGiB, --max-checkpoint-gib)");
        if (e.ExpectedTime.TotalHours > limits.MaxHours)
            p.Add($"{widths}: {e.Flops / 1e12:0.#} TFLOP take about {e.ExpectedTime.TotalHours:0.##} h at {limits.GflopsPerSecond:0.#} GFLOP/s; the limit is {limits.MaxHours:0.##} h (Limits:MaxHours, --max-hours)");
    }

    private static bool Positive(double v) => v > 0 && double.IsFinite(v);

    private static bool NonNegative(double v) => v >= 0 && double.IsFinite(v);

    private static void Dataset(DatasetSpec? d, List<string> p)
    {
        if (d is null)
        {
            p.Add("dataset: missing");
            return;
        }
        if (!DatasetLoader.Names.Contains((d.Name ?? "").Trim().ToLowerInvariant()))
            p.Add($"dataset.name: unknown value '{d.Name}'; allowed: {string.Join(", ", DatasetLoader.Names)}");
        if (d.TrainLimit is <= 0) p.Add($"dataset.trainLimit: must be positive when given, got {d.TrainLimit}");
        if (d.TestLimit is <= 0) p.Add($"dataset.testLimit: must be positive when given, got {d.TestLimit}");
    }

    private static void Drift(DriftSpec? d, List<string> p)
    {
        if (d is null)
        {
            p.Add("drift: missing");
            return;
        }
        if (d.Tasks > 100) p.Add($"drift.tasks: at most 100, got {d.Tasks}");
        if (d.Angles is { Count: > 0 } angles && d.Tasks != angles.Count && (d.Kind ?? "").Trim().ToLowerInvariant() == DriftScenarios.Rotation)
            p.Add($"drift.tasks: {d.Tasks} does not match the {angles.Count} angles given (drift.tasks defaults to 5 when left out); set it to {angles.Count}");
        // The learning core names these fields without the "drift." prefix and calls the kind "scenario";
        // a parameter given in the map is named by its place there.
        p.AddRange(DriftScenarios.Problems(ContractMapping.ToScenarioSpec(d)).Select(m =>
            m.StartsWith("scenario:", StringComparison.Ordinal) ? "drift.kind:" + m["scenario:".Length..]
            : d.Parameters?.Keys.Any(k => m.StartsWith(k.Trim().ToLowerInvariant() + ":", StringComparison.Ordinal)) == true ? "drift.parameters." + m
            : "drift." + m));
    }

    private static void Training(TrainingSpec? t, List<string> p)
    {
        if (t is null)
        {
            p.Add("training: missing");
            return;
        }
        if (!TryEnum<OptimizerKind>(t.Optimizer, out _)) p.Add($"training.optimizer: unknown value '{t.Optimizer}'; allowed: {Allowed<OptimizerKind>()}");
        if (!Positive(t.LearningRate)) p.Add($"training.learningRate: must be a positive number, got {Num(t.LearningRate)}");
        if (t.BatchSize < 1) p.Add($"training.batchSize: must be at least 1, got {t.BatchSize}");
        if (t.EpochsPerTask < 1) p.Add($"training.epochsPerTask: must be at least 1, got {t.EpochsPerTask}");
        if (!(t.Momentum >= 0 && t.Momentum < 1)) p.Add($"training.momentum: must be in [0, 1), got {Num(t.Momentum)}");
        if (t.ReplayPerTask < 0) p.Add($"training.replayPerTask: must be 0 or more, got {t.ReplayPerTask}");
        if (!(t.LearningRateDecayPerTask > 0 && t.LearningRateDecayPerTask <= 1)) p.Add($"training.learningRateDecayPerTask: must be in (0, 1], got {Num(t.LearningRateDecayPerTask)}");
    }

    private static void Policy(InvestmentPolicy q, List<string> p)
    {
        if (string.IsNullOrWhiteSpace(q.Name)) p.Add("policy.name: must not be empty");
        if (q.Version < 1) p.Add($"policy.version: must be at least 1, got {q.Version}");
        else if (!string.IsNullOrWhiteSpace(q.Name)) p.AddRange(PolicyRegistry.Standard.Problems(q));
        if (q.StartWidth is < 1 or > MaxWidth) p.Add($"policy.startWidth: must be 1 to {MaxWidth}, got {q.StartWidth}");
        if (!(q.GrowthFactor > 1 && q.GrowthFactor <= MaxWidth)) p.Add($"policy.growthFactor: must be more than 1 (and at most {MaxWidth}), got {Num(q.GrowthFactor)}");
        if (q.CapWidth < q.StartWidth || q.CapWidth > MaxWidth) p.Add($"policy.capWidth: must be from startWidth ({q.StartWidth}) to {MaxWidth}, got {q.CapWidth}");
        else if (q.GrowthFactor > 1 && q.GrowthFactor <= MaxWidth && q.StartWidth >= 1
                 && PolicyRegistry.Standard.RecordedRule(q)?.NextWidth(q, q.StartWidth) is { } first && first > q.CapWidth)
            p.Add($"policy.capWidth: stage 1 compares startWidth {q.StartWidth} with {first} (x{Num(q.GrowthFactor)}), which passes the cap {q.CapWidth}; raise capWidth to at least {first} or lower growthFactor");
        if (!NonNegative(q.MinimumGain)) p.Add($"policy.minimumGain: must be 0 or more, got {Num(q.MinimumGain)}");
        if (!NonNegative(q.ReturnThreshold)) p.Add($"policy.returnThreshold: must be 0 or more, got {Num(q.ReturnThreshold)}");
        if (!(q.Confidence is > 0 and < 1)) p.Add($"policy.confidence: must be in (0, 1), got {Num(q.Confidence)}");
        if (q.Budget is { } b && !Positive(b)) p.Add($"policy.budget: must be positive when given, got {Num(b)}");
        if (q.TargetForgetting is { } t && !(t is >= 0 and <= 1)) p.Add($"policy.targetForgetting: must be in [0, 1], got {Num(t)}");
        if (q.ReturnUnit is not (null or InvestmentPolicy.FractionPerCurrency or InvestmentPolicy.PointsPerThousand))
            p.Add($"policy.returnUnit: unknown unit '{q.ReturnUnit}'; allowed: {InvestmentPolicy.PointsPerThousand}, {InvestmentPolicy.FractionPerCurrency} (the default)");
        if (!NonNegative(q.ServingMillionsPerCycle)) p.Add($"policy.servingMillionsPerCycle: must be 0 or more, got {Num(q.ServingMillionsPerCycle)}");
        foreach (LeverOption l in q.Levers ?? [])
        {
            if (l.Kind == LeverOption.Replay && !(l.Value >= 1 && l.Value <= 1_000_000 && l.Value == Math.Floor(l.Value)))
                p.Add($"policy.levers: replay takes a whole number of samples per task (1 to 1000000), got {Num(l.Value)}");
            else if (l.Kind == LeverOption.LearningRateDecay && !(l.Value is > 0 and <= 1))
                p.Add($"policy.levers: lr-decay takes a factor in (0, 1], got {Num(l.Value)}");
            else if (l.Kind is not (LeverOption.Replay or LeverOption.LearningRateDecay))
                p.Add($"policy.levers: unknown kind '{l.Kind}'; allowed: {LeverOption.Replay}, {LeverOption.LearningRateDecay}");
        }
    }

    /// <summary>What is wrong with a price book on its own (e.g. one given to `replay --prices`), one line per field.</summary>
    public static IReadOnlyList<string> PriceBookProblems(PriceBook? book)
    {
        var p = new List<string>();
        Prices(book, p);
        return p;
    }

    private static void Prices(PriceBook? b, List<string> p)
    {
        if (b is null)
        {
            p.Add("prices: missing");
            return;
        }
        foreach (var (kind, price) in b.DeviceHourPrice ?? new Dictionary<string, double>())
            if (!NonNegative(price)) p.Add($"prices.deviceHourPrice.{kind}: must be 0 or more, got {Num(price)}");
        foreach (var (kind, watts) in b.PowerDrawWatts ?? new Dictionary<string, double>())
            if (!NonNegative(watts)) p.Add($"prices.powerDrawWatts.{kind}: must be 0 or more, got {Num(watts)}");
        if (!NonNegative(b.EnergyPricePerKwh)) p.Add($"prices.energyPricePerKwh: must be 0 or more, got {Num(b.EnergyPricePerKwh)}");
        if (b.Co2GramsPerKwh is { } co2 && !NonNegative(co2)) p.Add($"prices.co2GramsPerKwh: must be 0 or more, got {Num(co2)}");
        if (b.DeviceHourPrice is null || !b.DeviceHourPrice.ContainsKey(b.ServingDevice ?? ""))
            p.Add($"prices.servingDevice: '{b.ServingDevice}' has no entry in prices.deviceHourPrice");
        if (!Positive(b.ServingGflopsPerSecond)) p.Add($"prices.servingGflopsPerSecond: must be positive, got {Num(b.ServingGflopsPerSecond)}");
        if (b.Production is { } production) Production(production, b, p);
    }

    private static void Production(ProductionScale s, PriceBook b, List<string> p)
    {
        if (!Positive(s.ModelScale)) p.Add($"prices.production.modelScale: must be positive (production FLOPs per sample / the simulated arm's), got {Num(s.ModelScale)}");
        if (!Positive(s.SampleScale)) p.Add($"prices.production.sampleScale: must be positive (production samples per cycle / the simulated round's), got {Num(s.SampleScale)}");
        if (s.Device is not ("cpu" or "cuda")) p.Add($"prices.production.device: must be cpu or cuda, got '{s.Device}'");
        else if (b.DeviceHourPrice is null || !b.DeviceHourPrice.ContainsKey(s.Device))
            p.Add($"prices.production.device: '{s.Device}' has no entry in prices.deviceHourPrice");
        if (!Positive(s.GflopsPerSecond)) p.Add($"prices.production.gflopsPerSecond: must be positive, got {Num(s.GflopsPerSecond)}");
        if (Positive(s.ModelScale) && Positive(s.SampleScale) && !double.IsFinite(s.ModelScale * s.SampleScale))
            p.Add("prices.production: modelScale × sampleScale must be a finite number");
    }

    internal static bool TryEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse((text ?? "").Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value)
        && !int.TryParse(text, out _);

    internal static string Allowed<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));

    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);
}
