using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Tests.Deciding;

/// <summary>Faults, re-sends after a stall, and resume: what the planner records and sends, decided without infrastructure.</summary>
public class RecoveryDeciderTests
{
    private static readonly RedriveSettings Settings = new(TimeSpan.FromMinutes(2), 3);

    /// <summary>A fixed-width campaign stopped part-way: its first rounds are sent but nothing is answered.</summary>
    private static InMemoryPlanner Stopped(out IReadOnlyList<TrainRound> pending)
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec()));
        planner.Handle(planner.Sent.OfType<GenerateTasks>().Single());
        pending = [.. planner.Sent.OfType<TrainRound>()];
        planner.Sent.Clear();
        return planner;
    }

    [Fact]
    public void APermanentFault_FailsTheCampaign_NamingRoundServiceAndReason()
    {
        InMemoryPlanner planner = Stopped(out var pending);
        RoundRef round = pending[0].Round;
        var fault = new FaultReport(Records.Campaign, round, nameof(TrainRound), "trainer", "checkpoint x: hash differs", true, Records.T0);
        PlannerOutcome outcome = FaultDecider.Decide(fault, planner.Campaign, planner.Rounds[round.RoundId]);
        Assert.IsType<RoundFaulted>(Assert.Single(outcome.EventsOf(round.RoundId)));
        var failed = Assert.IsType<CampaignFailed>(Assert.Single(outcome.Messages));
        Assert.Equal($"trainer failed on {RoundCommands.Describe(round)}: checkpoint x: hash differs", failed.Reason);
        Assert.Equal((round, "trainer"), (failed.Round, failed.Service));
    }

    [Fact]
    public void ATransientFault_IsRecordedOnTheRoundOnly_AndFaultsOfDoneStepsOrUnknownRoundsChangeNothing()
    {
        InMemoryPlanner planner = Stopped(out var pending);
        RoundRef round = pending[0].Round;
        var transient = new FaultReport(Records.Campaign, round, nameof(RoundTrained), "planner", "Failed to connect to 127.0.0.1:5432", false, Records.T0);
        PlannerOutcome outcome = FaultDecider.Decide(transient, planner.Campaign, planner.Rounds[round.RoundId]);
        Assert.Empty(outcome.Messages);
        Assert.Empty(outcome.EventsOf(Records.Campaign));
        Assert.IsType<RoundFaulted>(Assert.Single(outcome.EventsOf(round.RoundId)));

        planner.Handle(Records.Trained(pending[0]));
        var stale = transient with { MessageType = nameof(TrainRound), Permanent = true };
        Assert.True(FaultDecider.Decide(stale, planner.Campaign, planner.Rounds[round.RoundId]).AppendsNothing); // the round is trained already
        Assert.True(FaultDecider.Decide(stale with { Round = round with { RoundId = Guid.NewGuid() } }, planner.Campaign, null).AppendsNothing);
    }

    [Fact]
    public void AtStartup_ThePendingWorkIsSentAgain_AndRecorded()
    {
        InMemoryPlanner planner = Stopped(out var pending);
        planner.Handle(Records.Trained(pending[0])); // one round is trained, so its evaluation is what is pending
        planner.Sent.Clear();
        PlannerOutcome outcome = RedriveDecider.Decide(planner.Campaign!, planner.Sequences, [.. planner.Rounds.Values], id => planner.Rounds.GetValueOrDefault(id),
            Records.T0, Records.T0.AddSeconds(1), Settings, atStartup: true);
        var redriven = Assert.IsType<CampaignRedriven>(Assert.Single(outcome.EventsOf(Records.Campaign)));
        Assert.Equal((0, 4), (redriven.Attempt, redriven.Commands));
        Assert.Equal(3, outcome.Messages.OfType<TrainRound>().Count());
        Assert.Equal(pending[0].Round, Assert.Single(outcome.Messages.OfType<EvaluateRound>()).Trained.Round);
    }

    [Fact]
    public void AStall_IsRedrivenOnlyAfterTheStallTime_CountsAttemptsWithoutProgress_ThenFails()
    {
        InMemoryPlanner planner = Stopped(out var pending);
        CampaignState c = planner.Campaign!;
        RoundState[] rounds = [.. planner.Rounds.Values];
        DateTimeOffset progress = Records.T0;
        PlannerOutcome Tick(DateTimeOffset now)
        {
            PlannerOutcome o = RedriveDecider.Decide(c, planner.Sequences, rounds, _ => null, progress, now, Settings, atStartup: false);
            foreach (object e in o.EventsOf(Records.Campaign)) Records.Fold(c, e);
            return o;
        }

        Assert.True(Tick(progress.AddMinutes(1)).AppendsNothing);
        Assert.Equal(1, Assert.IsType<CampaignRedriven>(Tick(progress.AddMinutes(2.5)).EventsOf(Records.Campaign).Single()).Attempt);
        Assert.True(Tick(progress.AddMinutes(3)).AppendsNothing); // the stall time counts again from the re-send
        Assert.Equal(2, Assert.IsType<CampaignRedriven>(Tick(progress.AddMinutes(5)).EventsOf(Records.Campaign).Single()).Attempt);

        progress = progress.AddMinutes(6); // something advanced: the count starts over
        Assert.Equal(1, Assert.IsType<CampaignRedriven>(Tick(progress.AddMinutes(2.5)).EventsOf(Records.Campaign).Single()).Attempt);
        Assert.Equal(2, Assert.IsType<CampaignRedriven>(Tick(progress.AddMinutes(5)).EventsOf(Records.Campaign).Single()).Attempt);
        Assert.Equal(3, Assert.IsType<CampaignRedriven>(Tick(progress.AddMinutes(7.5)).EventsOf(Records.Campaign).Single()).Attempt);
        PlannerOutcome given = Tick(progress.AddMinutes(10));
        var failed = Assert.IsType<CampaignFailed>(Assert.Single(given.Messages));
        Assert.Contains("no progress for 10 min after 3 re-sends of its pending work; waiting for the trainer to train", failed.Reason);
        Assert.Equal("trainer", failed.Service);
        Assert.Equal(CampaignStatus.Failed, c.Status);
        Assert.True(Tick(progress.AddMinutes(20)).AppendsNothing); // a failed campaign is left alone
    }

    [Fact]
    public void Resume_OfAFailedCampaign_RunsItAgain_SendingOnlyWhatIsPending()
    {
        InMemoryPlanner planner = Stopped(out var pending);
        planner.Handle(Records.Trained(pending[0]));
        planner.Sent.Clear();
        Records.Fold(planner.Campaign!, new CampaignFailed(Records.Campaign, "trainer failed on ...", Records.T0));
        PlannerOutcome outcome = ResumeDecider.Decide(Records.Campaign, planner.Campaign, planner.Sequences, [.. planner.Rounds.Values], id => planner.Rounds.GetValueOrDefault(id),
            null, new Dictionary<Guid, RoundState>(), Records.T0);
        var resumed = Assert.IsType<CampaignResumed>(outcome.EventsOf(Records.Campaign).First());
        Assert.Equal("trainer failed on ...", resumed.PreviousFailure);
        Assert.Equal(4, outcome.Messages.Count);
        planner.Apply(outcome);
        Assert.Equal(CampaignStatus.Running, planner.Campaign!.Status);
        planner.RunToEnd();
        Assert.Equal(CampaignStatus.Completed, planner.Campaign.Status);
        Assert.Equal(8, planner.Completed.Count);
    }

    [Fact]
    public void Resume_OfACompletedCampaign_ChangesNothing()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec()));
        planner.RunToEnd();
        Assert.Equal(PlannerOutcome.None, ResumeDecider.Decide(Records.Campaign, planner.Campaign, planner.Sequences, [], _ => null, null, new Dictionary<Guid, RoundState>(), Records.T0));
    }

    [Fact]
    public void APendingPrice_UsesThePreviousRoundsCumulativeCost_OrWaitsForIt()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(seeds: [1], widths: [16])));
        planner.Handle(planner.Sent.OfType<GenerateTasks>().Single());
        // Run the first round through, and the second up to its evaluation.
        while (planner.Sent.Count > 0 && planner.Rounds.Values.All(r => r.Round.TaskIndex == 0 || r.Evaluated is null))
        {
            object next = planner.Sent[0];
            planner.Sent.RemoveAt(0);
            if (next is PriceRound { Round.TaskIndex: 1 }) break;
            planner.Handle(next);
        }
        RoundState second = planner.Rounds.Values.Single(r => r.Round.TaskIndex == 1);
        RoundState first = planner.Rounds.Values.Single(r => r.Round.TaskIndex == 0);
        Assert.Equal(RoundStep.Price, second.Pending);
        var price = Assert.IsType<PriceRound>(Assert.Single(RoundCommands.Pending(planner.Campaign!, planner.Sequences!, [second], id => id == first.Id ? first : null)));
        Assert.Equal(first.Costed!.CumulativeCost, price.PreviousCumulativeCost);
        Assert.Empty(RoundCommands.Pending(planner.Campaign!, planner.Sequences!, [second], _ => null));
        Assert.Equal([first.Id], RoundCommands.PredecessorsOf([second]));
    }
}
