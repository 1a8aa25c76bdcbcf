namespace WidthRetrain.Contracts.Campaigns;

/// <summary>How every round trains: optimizer (sgd, momentum, adam), learning rate, batch, epochs per task, and the levers replay and lr decay.</summary>
public sealed record TrainingSpec(
    string Optimizer = "sgd",
    double LearningRate = 0.01,
    int BatchSize = 32,
    int EpochsPerTask = 5,
    double Momentum = 0.9,
    int ReplayPerTask = 0,
    double LearningRateDecayPerTask = 1.0);
