namespace WidthRetrain.Contracts.Stages;

/// <summary>A measured quantity over seeds: mean, sample standard deviation, 95% confidence interval (Student t), count.</summary>
public sealed record Estimate(double Mean, double Std, double Low, double High, int N);

/// <summary>
/// What one arm showed in a stage, over its seeds: continual-learning metrics (fractions, not percent) and costs.
/// Forgetting is the paper's normalisation; Chaudhry's is reported beside it.
/// </summary>
public sealed record ArmEvidence(
    string Arm,
    int Width,
    int Seeds,
    Estimate AverageAccuracy,
    Estimate Forgetting,
    Estimate? ForgettingChaudhry,
    Estimate LearningAccuracy,
    Estimate? BackwardTransfer,
    Estimate? ForwardTransfer,
    double TrainingCost,
    double EvaluationCost,
    double ServingCostPerMillion,
    double DeviceSeconds);
