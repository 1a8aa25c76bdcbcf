using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.Planner.Planning;

/// <summary>Round coordinates and their deterministic stream ids.</summary>
public static class RoundIds
{
    public static Guid For(Guid campaignId, int stage, string arm, long seed, int taskIndex) =>
        BusSetup.DeterministicGuid($"{campaignId:N}/stage-{stage}/{arm}/seed-{seed}/task-{taskIndex}");

    public static RoundRef Ref(Guid campaignId, int stage, ArmSpec arm, long seed, int taskIndex, int taskCount) =>
        new(For(campaignId, stage, arm.Name, seed, taskIndex), campaignId, stage, arm.Name, arm.Width, seed, taskIndex, taskCount);

    public static RoundRef Next(RoundRef r, ArmSpec arm) => Ref(r.CampaignId, r.Stage, arm, r.Seed, r.TaskIndex + 1, r.TaskCount);

    public static RoundRef Previous(RoundRef r, ArmSpec arm) => Ref(r.CampaignId, r.Stage, arm, r.Seed, r.TaskIndex - 1, r.TaskCount);

    /// <summary>The stream id of the round <paramref name="offset"/> tasks after <paramref name="r"/> in its arm and seed's chain.</summary>
    public static Guid Neighbour(RoundRef r, int offset) => For(r.CampaignId, r.Stage, r.Arm, r.Seed, r.TaskIndex + offset);
}
