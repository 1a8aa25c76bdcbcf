using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Learning.Data;
using WidthRetrain.Learning.Drift;
using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Campaigns;

/// <summary>From message contracts to the learning core's types (the contracts know nothing of the core).</summary>
public static class ContractMapping
{
    public static ScenarioSpec ToScenarioSpec(DriftSpec d) => new(d.Kind, d.Angles is { Count: > 0 } ? null : d.Tasks, d.Angles, d.TargetDomain, d.Parameters);

    public static DatasetRequest ToDatasetRequest(DatasetSpec d, string? dataDirectory, long seed) =>
        new(d.Name, dataDirectory, d.TrainLimit, d.TestLimit, seed);

    public static TrainingSettings ToTrainingSettings(TrainingSpec t) =>
        new TrainingSettings(Parse<OptimizerKind>("training.optimizer", t.Optimizer), t.LearningRate, t.BatchSize, t.EpochsPerTask, t.Momentum,
            t.ReplayPerTask, t.LearningRateDecayPerTask).Validated();

    public static MlpSpec ToMlpSpec(ArmSpec arm, int inputs, int classes) =>
        new MlpSpec(inputs, arm.Width, arm.Depth, classes, Parse<Activation>("activation", arm.Activation)).Validated();

    private static T Parse<T>(string field, string text) where T : struct, Enum =>
        CampaignSpecValidator.TryEnum(text, out T v) ? v
            : throw new ArgumentException($"{field}: unknown value '{text}'; allowed: {CampaignSpecValidator.Allowed<T>()}");
}
