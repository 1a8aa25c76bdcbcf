using WidthRetrain.Contracts.Campaigns;

namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// Command to the cost accountant: price a recorded round with the campaign's price book. The planner sends it
/// once training and evaluation are on record, with the arm and seed's cost so far.
/// </summary>
public sealed record PriceRound(
    RoundRef Round,
    ArmSpec Arm,
    TrainingFacts Training,
    double EvalDeviceSeconds,
    string EvalDevice,
    PriceBook Prices,
    double PreviousCumulativeCost) : IVersionedMessage
{
    public int SchemaVersion { get; init; } = 1;
}
