using System.Globalization;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;

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

    /// <summary>
    /// "width 64 forgets 3.38 pts more than 32" for a gain (incumbent's forgetting minus the candidate's) of -0.0338:
    /// the sign goes into the word, never a minus before "less".
    /// </summary>
    public static string Forgets(int candidate, int incumbent, double gain) => gain switch
    {
        > 0 => $"width {candidate} forgets {NumberText.Points(gain)} less than {incumbent}",
        < 0 => $"width {candidate} forgets {NumberText.Points(-gain)} more than {incumbent}",
        _ => $"width {candidate} forgets as much as {incumbent}",
    };

    /// <summary>Why a gain is not significant: its interval includes 0, or lies wholly below it (the candidate is worse).</summary>
    public static string NotSignificant(Estimate gain, double confidence)
    {
        string interval = $"{(confidence * 100).ToString("0.##", CultureInfo.InvariantCulture)} % interval of the gain [{NumberText.Points(gain.Low)}, {NumberText.Points(gain.High)}]";
        if (gain.N < 2) return $"one seed: no interval, so no gain can be shown (n = {gain.N})";
        return gain.High < 0
            ? $"the {interval} lies below 0: it forgets significantly more (n = {gain.N})"
            : $"the {interval} includes 0: no gain is distinguishable (n = {gain.N})";
    }

    /// <summary>"cut forgetting by 1.20 pts" for a gain of 0.012, "raise forgetting by 0.80 pts" for -0.008.</summary>
    public static string Cuts(double gain) => gain >= 0 ? $"cut forgetting by {NumberText.Points(gain)}" : $"raise forgetting by {NumberText.Points(-gain)}";

    /// <summary>A signed change in points: "+1.20 pts", "-0.81 pts".</summary>
    public static string Change(double fraction) => (fraction > 0 ? "+" : "") + NumberText.Points(fraction);
}
