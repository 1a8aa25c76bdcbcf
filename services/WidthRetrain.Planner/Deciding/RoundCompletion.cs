using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Deciding;

/// <summary>The RoundCompleted a round stream gives: built when the planner completes a round, and again by the audit to check it.</summary>
public static class RoundCompletion
{
    /// <param name="sourceEventIds">The round events recorded before its price (scheduled, trained, evaluated, any faults).</param>
    public static RoundCompleted From(RoundTrained trained, RoundEvaluated evaluated, RoundCosted costed, IReadOnlyList<Guid> sourceEventIds) =>
        new(costed.Round, evaluated.Accuracy, evaluated.RandomInitAccuracy, trained.Checkpoint, trained.Training.DeviceSeconds, evaluated.EvalDeviceSeconds,
            trained.Training.Samples, trained.Training.Flops, costed.Cost, costed.CumulativeCost, trained.Training.Worker, sourceEventIds,
            trained.Training.Device, evaluated.Device, trained.Training.ForwardFlopsPerSample);
}
