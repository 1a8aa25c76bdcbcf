using Spectre.Console;
using Spectre.Console.Rendering;
using WidthRetrain.Cli.Shared;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Cli.Campaigns;

/// <summary>
/// A decision as `run` and `resume` print it the moment it is recorded: the stage and what it compared, the gain with
/// its interval, the extra cost, the return against the threshold, and the action with its explanation, wrapped at the
/// terminal width.
/// </summary>
public static class DecisionBlock
{
    /// <param name="arms">The stage's arms, the incumbent first (as the rounds name them, e.g. w16, w32).</param>
    /// <param name="returnUnit">The policy's return unit (<see cref="InvestmentPolicy.ReturnUnit"/>), which the return and its threshold are in.</param>
    public static IRenderable Of(InvestmentDecision d, IReadOnlyList<string> arms, string currency, string? returnUnit)
    {
        DecisionNumbers n = d.Numbers;
        string compared = arms.Count switch
        {
            0 => "",
            1 => $" ({arms[0]})",
            _ => $": {arms[0]} vs {string.Join(", ", arms.Skip(1))}",
        };
        var lines = new List<IRenderable>
        {
            new Markup($"[bold]Decision, stage {d.Stage}[/]{Markup.Escape(compared)}"),
        };
        var evidence = new List<string>();
        if (n.Gain is not null)
            evidence.Add($"gain {NumberText.Points(n.Gain)}{(n.GainLow is null || n.GainHigh is null ? "" : $" [{NumberText.Points(n.GainLow)}, {NumberText.Points(n.GainHigh)}]")} (minimum {NumberText.Points(n.MinimumGain)})");
        if (n.ExtraCost is { } extra) evidence.Add($"extra cost {NumberText.Money(extra)} {currency}");
        if (n.ReturnPerCost is { } r) evidence.Add($"return {NumberText.Return(r)} vs threshold {NumberText.Return(n.ReturnThreshold, returnUnit, currency)}");
        if (evidence.Count > 0) lines.Add(Terminal.Indented(new Text(string.Join("; ", evidence)), 2));
        lines.Add(Terminal.Indented(new Markup($"[bold]{Markup.Escape(DecisionText.Step(d))}[/]: {Markup.Escape(d.Explanation)}"), 2));
        return new Rows(lines);
    }
}
