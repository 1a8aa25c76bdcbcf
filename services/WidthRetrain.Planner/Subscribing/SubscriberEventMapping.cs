using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.Subscribing;

/// <summary>What subscribers hear of a recorded event: the event itself, a RoundRecorded for a completed round, or nothing.</summary>
public static class SubscriberEventMapping
{
    /// <param name="recordedAt">When the event was recorded (its store timestamp).</param>
    public static object? From(object recorded, DateTimeOffset recordedAt) => recorded switch
    {
        CampaignStarted or StageStarted or StageConcluded or DecisionMade or CampaignCompleted or CampaignFailed => recorded,
        RoundCompleted r => new RoundRecorded(r.Round, r.Accuracy, r.Accuracy.Take(r.Round.TaskIndex + 1).DefaultIfEmpty(0).Average(), r.Cost,
            r.CumulativeCost, r.TrainDeviceSeconds, r.Samples, r.Flops, r.Worker, recordedAt),
        _ => null,
    };
}
