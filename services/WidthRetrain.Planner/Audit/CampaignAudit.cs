using System.Text.Json.Nodes;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Investment.Replay;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.Planning;

namespace WidthRetrain.Planner.Audit;

/// <summary>
/// Verifies a campaign's record without trusting any read model: the hash chains of its stream and of every round
/// stream its stages imply; that every RoundCompleted is what its round stream gives (and seals that stream's head);
/// that every costed round is completed on the campaign; that every full stage is concluded with the evidence its
/// rounds give, every concluded stage of a staged investment has its decision, every decision was made under the spec's
/// policy and is re-derived identically, and the campaign's end is recorded where its last decision ends it; and,
/// where checkpoint files are present, that their hashes are the recorded ones. Pure: the record is loaded elsewhere.
/// </summary>
public static class CampaignAudit
{
    /// <param name="checkpointHash">The SHA-256 of a checkpoint file, or null when the file is not present here.</param>
    /// <param name="keptHead">A head hash kept outside the database earlier: it must still be in the chain.</param>
    public static CampaignAuditReport Verify(CampaignRecord record, Func<CheckpointRef, string?>? checkpointHash = null, string? keptHead = null)
    {
        var findings = new List<AuditFinding>();
        var (head, broken) = ChainVerifier.Verify(record.CampaignId, record.Events, record.StreamVersion);
        if (broken is not null) findings.Add(broken);
        if (record.Events.Count == 0 || record.Events[0].Data is not CampaignStarted started)
        {
            findings.Add(new AuditFinding($"campaign {record.CampaignId}", "its stream does not begin with CampaignStarted"));
            return new CampaignAuditReport(record.CampaignId, head, record.Events.Count, 0, 0, 0, [], findings);
        }
        CampaignSpec spec = started.Spec;
        InvestmentPolicy? policy = CampaignPolicy.Of(spec);
        var completed = Of<RoundCompleted>(record);
        var stages = Of<StageStarted>(record);
        var concluded = Of<StageConcluded>(record);
        var decisions = Of<DecisionMade>(record);
        bool ended = record.Events.Any(e => e.Data is CampaignCompleted);

        int roundStreams = 0;
        foreach (RoundRecord round in record.Rounds.Values.Where(r => r.Events.Count > 0))
        {
            roundStreams++;
            var (_, roundBreak) = ChainVerifier.Verify(round.RoundId, round.Events, round.StreamVersion);
            if (roundBreak is not null) findings.Add(roundBreak);
        }
        CheckCompletions(record, completed, findings);
        var (checkedCount, absent) = CheckCheckpoints(record, checkpointHash, findings);
        CheckStages(stages, completed, concluded, decisions, policy, findings);
        foreach (var (e, d) in decisions)
        {
            if (policy is null)
            {
                findings.Add(new AuditFinding(e.Describe(), "a decision in a campaign whose spec has no investment policy"));
                continue;
            }
            if (Difference(d.Policy, policy) is { } diff)
                findings.Add(new AuditFinding(e.Describe(), $"made under a policy other than the spec's ({diff})"));
            bool continues = d.Decision.Action is DecisionAction.Widen or DecisionAction.TryLever;
            if (continues && stages.All(s => s.Data.Stage != d.Decision.Stage + 1) && e == decisions[^1].Event && ended)
                findings.Add(new AuditFinding(e.Describe(), $"asks for stage {d.Decision.Stage + 1}, which was never started, yet the campaign is completed"));
            if (!continues && !ended && e == decisions[^1].Event && !record.Events.Any(x => x.Data is CampaignFailed))
                findings.Add(new AuditFinding(e.Describe(), $"ends the campaign ({d.Decision.Action}) but no CampaignCompleted follows: the end was removed"));
        }
        if (policy is null && concluded.Count > 0 && !ended && !record.Events.Any(x => x.Data is CampaignFailed))
            findings.Add(new AuditFinding(concluded[^1].Event.Describe(), "the only stage is concluded but no CampaignCompleted follows: the end was removed"));

        IReadOnlyList<ReplayStep> replayed = [];
        if (policy is not null && decisions.Count > 0)
        {
            try
            {
                var (records, spent) = InvestmentHistory.Build([.. stages.Select(s => s.Data)], [.. completed.Select(c => c.Data)], policy);
                replayed = DecisionReplayer.Audit(policy, records, spent, [.. decisions.Select(d => d.Data.Decision)], InvestmentHistory.Shape(spec));
                foreach (ReplayStep step in replayed.Where(s => !s.Identical))
                    findings.Add(new AuditFinding(decisions.First(d => d.Data.Decision.Stage == step.Stage).Event.Describe(),
                        $"does not follow from the recorded evidence: {string.Join("; ", step.Differences)}"));
            }
            catch (InvalidOperationException e)
            {
                // Evidence that cannot even be assembled (a round recorded twice, a chain with a gap) is itself the finding.
                findings.Add(new AuditFinding($"campaign {record.CampaignId}", $"its decisions cannot be re-derived: {e.Message}"));
            }
        }
        if (keptHead is not null && !record.Events.Any(e => e.Hash == keptHead))
            findings.Add(new AuditFinding($"campaign {record.CampaignId}", $"the head hash kept earlier ({ChainVerifier.Short(keptHead)}) is not in the chain: the record was rewritten"));
        return new CampaignAuditReport(record.CampaignId, head, record.Events.Count, roundStreams, checkedCount, absent, replayed, findings);
    }

    /// <summary>The round ids a campaign's stages imply: every arm, seed and task of every stage started.</summary>
    public static IReadOnlyList<Guid> ImpliedRounds(IReadOnlyList<RecordedEvent> campaignEvents)
    {
        IReadOnlyList<SeedTasks>? sequences = campaignEvents.Select(e => e.Data).OfType<TasksReleased>().FirstOrDefault()?.Sequences;
        if (sequences is null) return [];
        return
        [
            .. campaignEvents.Select(e => e.Data).OfType<StageStarted>().SelectMany(stage => stage.Arms.SelectMany(arm => sequences.SelectMany(s =>
                Enumerable.Range(0, s.Tasks.Count).Select(t => RoundIds.For(stage.CampaignId, stage.Stage, arm.Name, s.Seed, t))))),
        ];
    }

    private static List<(RecordedEvent Event, T Data)> Of<T>(CampaignRecord record) =>
        [.. record.Events.Where(e => e.Data is T).Select(e => (e, (T)e.Data))];

    private static void CheckCompletions(CampaignRecord record, List<(RecordedEvent Event, RoundCompleted Data)> completed, List<AuditFinding> findings)
    {
        var seen = new HashSet<Guid>();
        foreach (var (e, rc) in completed)
        {
            if (!seen.Add(rc.Round.RoundId))
            {
                findings.Add(new AuditFinding(e.Describe(), $"completes {RoundCommands.Describe(rc.Round)} a second time"));
                continue;
            }
            RoundRecord? round = record.Rounds.GetValueOrDefault(rc.Round.RoundId);
            if (round is null || round.Events.Count == 0)
            {
                findings.Add(new AuditFinding(e.Describe(), $"completes {RoundCommands.Describe(rc.Round)}, whose round stream is missing"));
                continue;
            }
            var data = round.Events.Select(x => x.Data).ToArray();
            RoundTrained? trained = data.OfType<RoundTrained>().FirstOrDefault();
            RoundEvaluated? evaluated = data.OfType<RoundEvaluated>().FirstOrDefault();
            RecordedEvent? costedEvent = round.Events.FirstOrDefault(x => x.Data is RoundCosted);
            if (trained is null || evaluated is null || costedEvent is null)
            {
                findings.Add(new AuditFinding(e.Describe(), $"completes {RoundCommands.Describe(rc.Round)}, but its round stream has no {(trained is null ? "training" : evaluated is null ? "evaluation" : "price")}"));
                continue;
            }
            RoundCompleted expected = RoundCompletion.From(trained, evaluated, (RoundCosted)costedEvent.Data,
                [.. round.Events.Where(x => x.Version < costedEvent.Version).Select(x => x.Id)]) with
            {
                RoundHeadHash = costedEvent.Hash,
                RoundVersion = costedEvent.Version,
            };
            if (Difference(rc, expected) is { } diff)
                findings.Add(new AuditFinding(e.Describe(), $"does not match the round stream of {RoundCommands.Describe(rc.Round)} ({diff})"));
        }
        foreach (RoundRecord round in record.Rounds.Values)
        {
            RecordedEvent? costed = round.Events.FirstOrDefault(x => x.Data is RoundCosted);
            if (costed is not null && !seen.Contains(round.RoundId))
                findings.Add(new AuditFinding(costed.Describe(), "the round is costed but the campaign stream has no RoundCompleted for it: it was removed"));
        }
    }

    private static (int Checked, int Absent) CheckCheckpoints(CampaignRecord record, Func<CheckpointRef, string?>? hashOf, List<AuditFinding> findings)
    {
        if (hashOf is null) return (0, 0);
        int done = 0, absent = 0;
        foreach (RecordedEvent e in record.Rounds.Values.SelectMany(r => r.Events).Where(e => e.Data is RoundTrained))
        {
            var trained = (RoundTrained)e.Data;
            foreach (CheckpointRef c in new[] { trained.Checkpoint, trained.Initial }.OfType<CheckpointRef>())
            {
                string? actual = hashOf(c);
                if (actual is null)
                {
                    absent++;
                    continue;
                }
                done++;
                if (!string.Equals(actual, c.Sha256, StringComparison.OrdinalIgnoreCase))
                    findings.Add(new AuditFinding(e.Describe(), $"checkpoint {c.Path} hashes to {ChainVerifier.Short(actual)}, recorded {ChainVerifier.Short(c.Sha256)}: the file was changed"));
            }
        }
        return (done, absent);
    }

    private static void CheckStages(List<(RecordedEvent Event, StageStarted Data)> stages, List<(RecordedEvent Event, RoundCompleted Data)> completed,
        List<(RecordedEvent Event, StageConcluded Data)> concluded, List<(RecordedEvent Event, DecisionMade Data)> decisions, InvestmentPolicy? policy,
        List<AuditFinding> findings)
    {
        foreach (var (e, stage) in stages)
        {
            RoundCompleted[] rounds = [.. completed.Where(c => c.Data.Round.Stage == stage.Stage).Select(c => c.Data)];
            var conclusion = concluded.FirstOrDefault(c => c.Data.Stage == stage.Stage);
            if (conclusion.Event is null)
            {
                if (rounds.Length == stage.Rounds)
                    findings.Add(new AuditFinding(e.Describe(), $"all {stage.Rounds} rounds of stage {stage.Stage} are recorded but its conclusion is missing"));
                continue;
            }
            if (rounds.Length != stage.Rounds)
            {
                findings.Add(new AuditFinding(conclusion.Event.Describe(), $"concludes stage {stage.Stage} with {rounds.Length} of its {stage.Rounds} rounds recorded"));
                continue;
            }
            try
            {
                var recomputed = new StageConcluded(stage.CampaignId, stage.Stage, StageConclusion.Evidence(rounds), [.. rounds.SelectMany(r => r.SourceEventIds)]);
                if (Difference(conclusion.Data, recomputed) is { } diff)
                    findings.Add(new AuditFinding(conclusion.Event.Describe(), $"its evidence is not what its rounds give ({diff})"));
            }
            catch (InvalidOperationException broken)
            {
                findings.Add(new AuditFinding(conclusion.Event.Describe(), $"its rounds do not form whole chains: {broken.Message}"));
            }
            if (policy is not null && decisions.All(d => d.Data.Decision.Stage != stage.Stage))
                findings.Add(new AuditFinding(conclusion.Event.Describe(), $"stage {stage.Stage} was concluded but its decision is missing"));
        }
    }

    /// <summary>The first field (a JSON path) where two values differ, or null when they are the same.</summary>
    public static string? Difference(object a, object b) =>
        FirstDifference(JsonNode.Parse(CanonicalJson.Of(a)), JsonNode.Parse(CanonicalJson.Of(b)), "");

    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (string key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).Order(StringComparer.Ordinal))
                if (FirstDifference(oa[key], ob[key], path + "." + key) is { } d) return d;
            return null;
        }
        if (a is JsonArray aa && b is JsonArray ab)
        {
            if (aa.Count != ab.Count) return $"{path}: {aa.Count} items recorded, {ab.Count} expected";
            for (int i = 0; i < aa.Count; i++)
                if (FirstDifference(aa[i], ab[i], $"{path}[{i}]") is { } d) return d;
            return null;
        }
        string ta = a?.ToJsonString() ?? "null", tb = b?.ToJsonString() ?? "null";
        return ta == tb ? null : $"{(path.Length == 0 ? "value" : path.TrimStart('.'))}: recorded {Clip(ta)}, expected {Clip(tb)}";
    }

    private static string Clip(string s) => s.Length > 60 ? s[..57] + "..." : s;
}
