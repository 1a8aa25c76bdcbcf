using System.Globalization;
using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Investment.Texts;

/// <summary>The words for a decision, a lever and a policy, wherever they are shown (console, report, replay).</summary>
public static class DecisionText
{
    public static string Lever(LeverOption lever) => lever.Kind == LeverOption.Replay
        ? $"replay of {lever.Value.ToString(CultureInfo.InvariantCulture)} samples per task"
        : $"lr decay {lever.Value.ToString(CultureInfo.InvariantCulture)} per task";

    /// <summary>What the decision does, in a few words: "widen to 64, test 128", "stop at 64 (DiminishingReturns)".</summary>
    public static string Step(InvestmentDecision d) => d.Action switch
    {
        DecisionAction.Widen => $"widen to {d.IncumbentWidth}, test {d.NextWidth}",
        DecisionAction.TryLever => $"at {d.IncumbentWidth}, pilot {Lever(d.Lever!)}",
        DecisionAction.KeepLever => $"keep {Lever(d.Lever!)} at {d.IncumbentWidth}",
        _ => $"stop at {d.IncumbentWidth} ({d.Reason})",
    };

    /// <summary>The action, with the reason only when it is a stop: "Widen", "Stop (CapReached)".</summary>
    public static string Verdict(InvestmentDecision d) =>
        $"{d.Action}{(d.Reason is { } r && d.Action == DecisionAction.Stop ? $" ({r})" : "")}";

    public static string Policy(string name, int version) => $"{name} v{version}";
}
