namespace WidthRetrain.Contracts.Rounds;

/// <summary>
/// The coordinates of one round: campaign, stage, arm (its width), seed and task. <see cref="RoundId"/> is derived
/// from them deterministically, so a redelivered message always finds the stream it belongs to.
/// </summary>
public sealed record RoundRef(Guid RoundId, Guid CampaignId, int Stage, string Arm, int Width, long Seed, int TaskIndex, int TaskCount);
