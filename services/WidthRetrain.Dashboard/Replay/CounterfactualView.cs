using WidthRetrain.Investment.Scaling;

namespace WidthRetrain.Dashboard.Replay;

/// <summary>
/// What would have been decided on the same verified evidence under another policy or price book, stage by stage as far
/// as that evidence reaches; nothing is trained. A step to a width never measured is a forecast, not a measurement.
/// </summary>
public sealed record CounterfactualView(
    string Line,
    string Policy,
    string? Currency,
    IReadOnlyList<CounterfactualStep> Steps,
    int StagesUsed,
    int StagesRecorded,
    double Spend,
    double RecordedSpend,
    string? Divergence,
    WidthForecast? Forecast);

/// <summary>One stage: what was recorded, what the other policy would decide, and why.</summary>
public sealed record CounterfactualStep(int Stage, string Recorded, string WouldDecide, string Why);
