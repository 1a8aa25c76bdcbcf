using WidthRetrain.Planner.Audit;

namespace WidthRetrain.Cli.Replay;

/// <summary>What `replay --json` writes: the verification with every decision against its re-derivation, and the counterfactual when asked.</summary>
public sealed record ReplayResult(Guid CampaignId, CampaignAuditReport Audit, double ReadSeconds, double VerifySeconds, ReplayCounterfactual? Counterfactual);
