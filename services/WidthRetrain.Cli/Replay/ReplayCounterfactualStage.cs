using WidthRetrain.Contracts.Investment;

namespace WidthRetrain.Cli.Replay;

/// <summary>One stage: what was recorded (null past the recorded stages) and what would be decided.</summary>
public sealed record ReplayCounterfactualStage(int Stage, string? Recorded, string WouldDecide, InvestmentDecision? RecordedDecision, InvestmentDecision Decision);
