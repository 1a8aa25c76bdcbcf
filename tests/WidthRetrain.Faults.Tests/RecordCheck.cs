using WidthRetrain.Cli.Audit;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Faults.Tests;

/// <summary>
/// What a campaign's record shows after faults: rounds completed (and distinct), rounds lost (expected but never
/// completed), duplicate events (a step recorded twice on a round, a round completed twice), and the audit's verdict.
/// </summary>
public sealed record RecordCheck(int Expected, int Completed, int Distinct, int Duplicates, CampaignAuditReport Audit)
{
    public int Lost => Expected - Distinct;

    public static Task<RecordCheck> OfAsync(FaultSuite suite, Guid id, int expected) => OfAsync(suite.Store, suite.Checkpoints, id, expected);

    public static async Task<RecordCheck> OfAsync(Marten.IDocumentStore store, string checkpoints, Guid id, int expected)
    {
        CampaignRecord record = await CampaignRecordLoader.LoadAsync(store, id, default)
            ?? throw new InvalidOperationException($"campaign {id} is not recorded");
        RoundCompleted[] completed = [.. record.Events.Select(e => e.Data).OfType<RoundCompleted>()];
        int duplicates = completed.Length - completed.Select(c => c.Round.RoundId).Distinct().Count();
        foreach (RoundRecord round in record.Rounds.Values)
        {
            Type[] steps = [typeof(RoundScheduled), typeof(RoundTrained), typeof(RoundEvaluated), typeof(RoundCosted)];
            duplicates += steps.Sum(t => Math.Max(0, round.Events.Count(e => e.Data.GetType() == t) - 1));
        }
        Type[] once = [typeof(Contracts.Campaigns.CampaignStarted), typeof(Contracts.Tasks.TasksReleased), typeof(Contracts.Campaigns.CampaignCompleted)];
        duplicates += once.Sum(t => Math.Max(0, record.Events.Count(e => e.Data.GetType() == t) - 1));
        duplicates += record.Events.Select(e => e.Data).OfType<Contracts.Stages.StageConcluded>().GroupBy(s => s.Stage).Sum(g => g.Count() - 1);
        return new RecordCheck(expected, completed.Length, completed.Select(c => c.Round.RoundId).Distinct().Count(), duplicates,
            CampaignAudit.Verify(record, CheckpointProbe.For(checkpoints)));
    }

    public void AssertIntact()
    {
        Assert.True(Audit.Passed, "audit: " + string.Join("\n", Audit.Findings));
        Assert.Equal(Expected, Completed);
        Assert.Equal(0, Lost);
        Assert.Equal(0, Duplicates);
    }
}
