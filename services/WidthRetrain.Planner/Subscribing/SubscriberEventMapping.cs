using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Subscribing;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Subscribing;

/// <summary>What subscribers hear of a recorded event: a subscriber event itself, a RoundRecorded for a completed round, or nothing.</summary>
public static class SubscriberEventMapping
{
    /// <param name="recordedAt">When the event was recorded (its store timestamp).</param>
    public static object? From(object recorded, DateTimeOffset recordedAt) => recorded switch
    {
        RoundCompleted r => new RoundRecorded(r.Round, r.Accuracy, r.Accuracy.Take(r.Round.TaskIndex + 1).DefaultIfEmpty(0).Average(), r.Cost,
            r.CumulativeCost, r.TrainDeviceSeconds, r.Samples, r.Flops, r.Worker, recordedAt),
        _ when SubscriberEvents.IsSubscriberEvent(recorded.GetType()) => recorded,
        _ => null,
    };
}
