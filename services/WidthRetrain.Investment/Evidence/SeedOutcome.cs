namespace WidthRetrain.Investment.Evidence;

/// <summary>One arm's result on one seed, already reduced to metrics (fractions) and costs.</summary>
public sealed record SeedOutcome(
    string Arm,
    int Width,
    long Seed,
    double AverageAccuracy,
    double Forgetting,
    double? ForgettingChaudhry,
    double LearningAccuracy,
    double? BackwardTransfer,
    double? ForwardTransfer,
    double TrainingCost,
    double EvaluationCost,
    double ServingCostPerMillion,
    double DeviceSeconds);
