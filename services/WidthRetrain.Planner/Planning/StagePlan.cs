using System.Globalization;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Policies;

namespace WidthRetrain.Planner.Planning;

/// <summary>
/// Which arms a stage trains. Pure. Without a policy the single stage runs every width the spec lists; with one,
/// stage 1 compares the start width with the first candidate, and each later stage trains only what the last
/// decision asked for (a wider candidate, or a lever at the incumbent's width), compared with an arm already measured.
/// </summary>
public static class StagePlan
{
    public static string ArmName(int width) => $"w{width}";

    public static string ArmName(int width, LeverOption lever) =>
        $"w{width}+{lever.Kind}{lever.Value.ToString(CultureInfo.InvariantCulture)}";

    public static ArmSpec Arm(CampaignSpec spec, int width) => new(ArmName(width), width, spec.Depth, spec.Activation, spec.Training);

    public static IReadOnlyList<ArmSpec> Arms(CampaignSpec spec) =>
        spec.Policy is { } p
            ? [Arm(spec, p.StartWidth), Arm(spec, PolicyRegistry.Standard.ForRecorded(p).NextWidth(p, p.StartWidth))]
            : spec.Widths.Order().Select(w => Arm(spec, w)).ToArray();

    public static int Rounds(CampaignSpec spec, int arms) => arms * spec.Seeds.Count * spec.Drift.Tasks;

    /// <summary>Stage 1 of a campaign.</summary>
    public static StageStarted First(Guid campaignId, CampaignSpec spec)
    {
        IReadOnlyList<ArmSpec> arms = Arms(spec);
        return spec.Policy is null
            ? new StageStarted(campaignId, 1, arms, Rounds(spec, arms.Count))
            : new StageStarted(campaignId, 1, arms, Rounds(spec, arms.Count), arms[0].Name, arms[1].Name);
    }

    /// <summary>The stage a Widen or TryLever decision asks for; null for decisions that end the campaign.</summary>
    public static StageStarted? Next(Guid campaignId, CampaignSpec spec, InvestmentDecision decision)
    {
        int stage = decision.Stage + 1;
        switch (decision.Action)
        {
            case DecisionAction.Widen:
                ArmSpec wider = Arm(spec, decision.NextWidth!.Value);
                return new StageStarted(campaignId, stage, [wider], Rounds(spec, 1), ArmName(decision.IncumbentWidth), wider.Name);
            case DecisionAction.TryLever:
                LeverOption lever = decision.Lever!;
                TrainingSpec training = lever.Kind == LeverOption.Replay
                    ? spec.Training with { ReplayPerTask = (int)lever.Value }
                    : spec.Training with { LearningRateDecayPerTask = lever.Value };
                var pilot = new ArmSpec(ArmName(decision.IncumbentWidth, lever), decision.IncumbentWidth, spec.Depth, spec.Activation, training);
                return new StageStarted(campaignId, stage, [pilot], Rounds(spec, 1), ArmName(decision.IncumbentWidth), pilot.Name, lever);
            default:
                return null;
        }
    }
}
