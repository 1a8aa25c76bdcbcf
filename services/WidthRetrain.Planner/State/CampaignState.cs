using JasperFx.Events;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;

namespace WidthRetrain.Planner.State;

/// <summary>
/// The campaign stream folded: what the planner decides from. Its size does not grow with the number of rounds
/// (counts and sums only; a stage's rounds are read from the stream when it concludes), so appending stays flat.
/// Apply methods must be public (Marten 9 ignores private ones).
/// </summary>
public sealed class CampaignState
{
    public Guid Id { get; set; }
    public CampaignSpec Spec { get; set; } = null!;
    public CampaignStatus Status { get; set; }
    /// <summary>
    /// The version of the campaign's TasksReleased event (0 until released). The task specs themselves stay in that
    /// event (seeds x tasks of them): the state keeps only where to find them, so it does not grow with the campaign.
    /// </summary>
    public long TasksVersion { get; set; }

    public bool HasTasks => TasksVersion > 0;
    public int Stage { get; set; }
    public int StageRounds { get; set; }
    public Dictionary<int, int> CompletedByStage { get; set; } = [];
    public List<int> ConcludedStages { get; set; } = [];
    public List<StageStarted> Stages { get; set; } = [];
    public CampaignRedriven? LastRedrive { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>The policy of a staged investment (null for a fixed list of widths), with the campaign's budget if it has one.</summary>
    public InvestmentPolicy? Policy => CampaignPolicy.Of(Spec);

    public static CampaignState Create(CampaignStarted e) => new() { Id = e.CampaignId, Spec = e.Spec, Status = CampaignStatus.Running };

    public void Apply(IEvent<TasksReleased> e) => TasksVersion = e.Version;

    public void Apply(StageStarted e)
    {
        Stages.Add(e);
        Stage = e.Stage;
        StageRounds = e.Rounds;
    }

    public void Apply(RoundCompleted e)
    {
        CompletedByStage[e.Round.Stage] = CompletedIn(e.Round.Stage) + 1;
    }

    public void Apply(StageConcluded e) => ConcludedStages.Add(e.Stage);

    public void Apply(CampaignCompleted e) => Status = CampaignStatus.Completed;

    public void Apply(CampaignFailed e)
    {
        Status = CampaignStatus.Failed;
        FailureReason = e.Reason;
    }

    public void Apply(CampaignRedriven e) => LastRedrive = e;

    public void Apply(CampaignResumed e)
    {
        Status = CampaignStatus.Running;
        FailureReason = null;
        LastRedrive = null;
    }

    public int CompletedIn(int stage) => CompletedByStage.GetValueOrDefault(stage);

    /// <summary>Every round of the current stage is recorded but the stage is not concluded yet.</summary>
    public bool StageAwaitsConclusion => Stage > 0 && CompletedIn(Stage) == StageRounds && !ConcludedStages.Contains(Stage);
}
