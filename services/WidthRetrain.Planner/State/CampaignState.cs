using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Events;

namespace WidthRetrain.Planner.State;

/// <summary>The campaign stream folded: what the planner decides from. Apply methods must be public (Marten 9 ignores private ones).</summary>
public sealed class CampaignState
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public CampaignSpec Spec { get; set; } = null!;
    public CampaignStatus Status { get; set; }
    public IReadOnlyList<SeedTasks>? Sequences { get; set; }
    public int Stage { get; set; }
    public List<ArmSpec> Arms { get; set; } = [];
    public int StageRounds { get; set; }
    public Dictionary<Guid, RoundCompleted> Completed { get; set; } = [];
    public List<int> ConcludedStages { get; set; } = [];
    public List<StageStarted> Stages { get; set; } = [];
    public List<InvestmentDecision> Decisions { get; set; } = [];

    /// <summary>The policy of a staged investment (null for a fixed list of widths), with the campaign's budget if it has one.</summary>
    public InvestmentPolicy? Policy => Spec.Policy is null ? null : Spec.Policy with { Budget = Spec.Budget ?? Spec.Policy.Budget };

    public static CampaignState Create(CampaignStarted e) => new() { Id = e.CampaignId, Spec = e.Spec, Status = CampaignStatus.Running };

    public void Apply(TasksReleased e) => Sequences = e.Sequences;

    public void Apply(StageStarted e)
    {
        Stages.Add(e);
        Stage = e.Stage;
        Arms = [.. e.Arms];
        StageRounds = e.Rounds;
    }

    public void Apply(RoundCompleted e) => Completed[e.Round.RoundId] = e;

    public void Apply(StageConcluded e) => ConcludedStages.Add(e.Stage);

    public void Apply(DecisionMade e) => Decisions.Add(e.Decision);

    public void Apply(CampaignCompleted e) => Status = CampaignStatus.Completed;

    public void Apply(CampaignFailed e) => Status = CampaignStatus.Failed;

    public IEnumerable<RoundCompleted> CompletedInStage(int stage) => Completed.Values.Where(r => r.Round.Stage == stage);

    public IReadOnlyList<TaskSpec> TasksOf(long seed) =>
        Sequences?.First(s => s.Seed == seed).Tasks ?? throw new InvalidOperationException($"campaign {Id}: tasks not released yet");
}
