using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Tests.Deciding;

namespace WidthRetrain.Planner.Tests.Audit;

/// <summary>The audit of a whole staged campaign run by the deciders in memory, and of that record edited in each way it checks.</summary>
public class CampaignAuditTests
{
    private static readonly InvestmentPolicy Policy = new(StartWidth: 16, CapWidth: 64, MinimumGain: 0, ReturnThreshold: 0, Confidence: 0.6, UseForecast: false);

    private static (InMemoryPlanner Planner, CampaignRecord Record) Recorded(Func<Guid, List<object>, List<object>>? edit = null)
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(policy: Policy)));
        planner.RunToEnd();
        var streams = planner.Streams.ToDictionary(s => s.Key, s => edit?.Invoke(s.Key, [.. s.Value]) ?? s.Value);
        // The shell seals each completion with its round stream's head; do the same here.
        var rounds = streams.Where(s => s.Key != Records.Campaign).ToDictionary(s => s.Key, s => ChainTests.Chain(s.Key, s.Value, ids: planner.EventIds(s.Key)));
        List<object> campaign = [.. streams[Records.Campaign].Select(e => e is RoundCompleted rc && rounds.TryGetValue(rc.Round.RoundId, out var r)
            ? Seal(rc, r) : e)];
        var chained = ChainTests.Chain(Records.Campaign, campaign);
        var record = new CampaignRecord(Records.Campaign, chained, chained.Count,
            CampaignAudit.ImpliedRounds(chained).ToDictionary(id => id, id => new RoundRecord(id, rounds.GetValueOrDefault(id) ?? [], rounds.GetValueOrDefault(id)?.Count)));
        return (planner, record);
    }

    private static RoundCompleted Seal(RoundCompleted rc, List<RecordedEvent> round)
    {
        RecordedEvent costed = round.First(e => e.Data is RoundCosted);
        return rc with
        {
            RoundHeadHash = costed.Hash,
            RoundVersion = costed.Version,
            SourceEventIds = [.. round.Where(e => e.Version < costed.Version).Select(e => e.Id)],
        };
    }

    [Fact]
    public void ARecordAsThePlannerWritesIt_Passes_WithEveryDecisionReDerived()
    {
        var (planner, record) = Recorded();
        CampaignAuditReport audit = CampaignAudit.Verify(record, c => c.Sha256, null);
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
        Assert.Equal(planner.Streams[Records.Campaign].OfType<DecisionMade>().Count(), audit.Decisions.Count);
        Assert.Equal(record.Events[^1].Hash, audit.HeadHash);
        Assert.Equal(planner.Rounds.Count, audit.RoundStreams);
    }

    [Fact]
    public void APolicyOtherThanTheSpecs_RecordedInADecision_IsFound_EvenWithTheChainRecomputed()
    {
        var (_, record) = Recorded((id, events) => id != Records.Campaign ? events
            : [.. events.Select(e => e is DecisionMade d ? d with { Policy = d.Policy with { CapWidth = 4096 } } : e)]);
        CampaignAuditReport audit = CampaignAudit.Verify(record);
        Assert.Contains(audit.Findings, f => f.Where.Contains("(DecisionMade", StringComparison.Ordinal)
                                             && f.What == "made under a policy other than the spec's (CapWidth: recorded 4096, expected 64)");
    }

    [Fact]
    public void TheLastDecisionAndTheEndRemoved_AreFound_EvenWithTheChainRecomputed()
    {
        var (_, record) = Recorded((id, events) =>
        {
            if (id != Records.Campaign) return events;
            events.RemoveAt(events.FindLastIndex(e => e is CampaignCompleted));
            events.RemoveAt(events.FindLastIndex(e => e is DecisionMade));
            return events;
        });
        CampaignAuditReport audit = CampaignAudit.Verify(record);
        Assert.Contains(audit.Findings, f => f.Where.Contains("(StageConcluded", StringComparison.Ordinal) && f.What.EndsWith("was concluded but its decision is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void ACompletionThatDiffersFromItsRoundStream_OrWhoseRoundIsGone_IsFound()
    {
        var (_, edited) = Recorded((id, events) => id != Records.Campaign ? events
            : [.. events.Select((e, i) => e is RoundCompleted rc && i == events.FindIndex(x => x is RoundCompleted) ? rc with { Accuracy = [.. rc.Accuracy.Select(_ => 0.99)] } : e)]);
        Assert.Contains(CampaignAudit.Verify(edited).Findings, f => f.What.Contains("does not match the round stream", StringComparison.Ordinal) && f.What.Contains("Accuracy[0]", StringComparison.Ordinal));

        var (_, record) = Recorded();
        Guid gone = record.Rounds.Keys.First();
        var missing = record with { Rounds = record.Rounds.ToDictionary(r => r.Key, r => r.Key == gone ? new RoundRecord(gone, [], null) : r.Value) };
        Assert.Contains(CampaignAudit.Verify(missing).Findings, f => f.What.Contains("whose round stream is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void ACheckpointWhoseFileChanged_IsFound_AndAbsentFilesAreCountedNotFailed()
    {
        var (_, record) = Recorded();
        CampaignAuditReport changed = CampaignAudit.Verify(record, c => c.Path.EndsWith("task-1.ckpt", StringComparison.Ordinal) ? "other" : c.Sha256);
        Assert.Contains(changed.Findings, f => f.What.Contains("the file was changed", StringComparison.Ordinal));
        CampaignAuditReport absent = CampaignAudit.Verify(record, _ => null);
        Assert.True(absent.Passed);
        Assert.True(absent.CheckpointsAbsent > 0);
    }
}
