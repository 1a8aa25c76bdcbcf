using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Deciding;

/// <summary>
/// A message of a campaign that failed after its retries (from MassTransit's Fault&lt;T&gt;): which command or event,
/// which round if any, which service, why, and whether the cause can never go away (a permanent failure).
/// </summary>
public sealed record FaultReport(Guid CampaignId, RoundRef? Round, string MessageType, string Service, string Reason, bool Permanent, DateTimeOffset At)
{
    /// <summary>The round step the failed message would have advanced (null for campaign-level messages such as GenerateTasks).</summary>
    public RoundStep? Step => MessageType switch
    {
        "TrainRound" or "RoundTrained" => RoundStep.Train,
        "EvaluateRound" or "RoundEvaluated" => RoundStep.Evaluate,
        "PriceRound" or "RoundCosted" => RoundStep.Price,
        _ => null,
    };

    /// <summary>The first line of an exception message, without the noise of inner stack traces.</summary>
    public static string OneLine(string? message)
    {
        string text = (message ?? "no reason given").Trim();
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
