namespace WidthRetrain.Dashboard.Replay;

/// <summary>What the page's form sends: another policy and/or another price book, each as pasted JSON text (empty = keep the recorded one).</summary>
public sealed record CounterfactualRequest(string? Policy, string? Prices);
