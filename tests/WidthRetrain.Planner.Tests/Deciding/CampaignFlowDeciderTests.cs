using WidthRetrain.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Subscribing;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.Events;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Subscribing;

namespace WidthRetrain.Planner.Tests.Deciding;

/// <summary>The deciders run whole campaigns in memory, and each one's duplicate path sends again only what has not advanced.</summary>
public class CampaignFlowDeciderTests
{
    [Fact]
    public void AFixedWidthCampaign_RunsToCompletion_WithEveryRoundRecordedOnce()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec()));
        planner.RunToEnd();

        Assert.Equal(CampaignStatus.Completed, planner.Campaign!.Status);
        Assert.Equal(8, planner.Completed.Count); // 2 widths x 2 seeds x 2 tasks
        Assert.Equal(8, planner.Completed.Select(c => c.Round.RoundId).Distinct().Count());
        Assert.All(planner.Rounds.Values, r => Assert.Null(r.Pending));
        List<object> campaign = planner.Streams[Records.Campaign];
        Assert.Single(campaign.OfType<StageConcluded>());
        Assert.Equal(8, Assert.Single(campaign.OfType<CampaignCompleted>()).Rounds);
        // The second task of a chain starts from the first's checkpoint and carries it as history.
        RoundState second = planner.Rounds.Values.First(r => r.Round.TaskIndex == 1);
        Assert.Equal($"{second.Round.Arm}/seed-{second.Round.Seed}/task-0.ckpt", second.Parent!.Path);
        Assert.Equal([second.Parent], second.History);
    }

    [Fact]
    public void AStagedCampaign_DecidesAfterEachStage_AndEndsForANamedReason()
    {
        var policy = new InvestmentPolicy(StartWidth: 16, CapWidth: 128, MinimumGain: 0, ReturnThreshold: 0, Confidence: 0.6, UseForecast: false);
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(policy: policy)));
        planner.RunToEnd();

        Assert.Equal(CampaignStatus.Completed, planner.Campaign!.Status);
        List<object> campaign = planner.Streams[Records.Campaign];
        var decisions = campaign.OfType<DecisionMade>().Select(d => d.Decision).ToArray();
        Assert.Equal(campaign.OfType<StageConcluded>().Count(), decisions.Length);
        Assert.Equal(DecisionAction.Widen, decisions[0].Action); // the made-up evidence favours width
        Assert.Equal(StopReason.CapReached, decisions[^1].Reason);
        Assert.All(campaign.OfType<DecisionMade>(), d => Assert.Equal(planner.Campaign.Policy, d.Policy));
    }

    [Fact]
    public void Subscribers_HearWhatTheRecordHolds_InOrder_EachKeyedByItsCampaign()
    {
        var policy = new InvestmentPolicy(StartWidth: 16, CapWidth: 64, MinimumGain: 0, ReturnThreshold: 0, Confidence: 0.6, UseForecast: false);
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(policy: policy)));
        planner.RunToEnd();

        List<object> record = planner.Streams[Records.Campaign];
        List<object> heard = [.. record.Select(e => SubscriberEventMapping.From(e, Records.T0)).OfType<object>()];
        Assert.IsType<CampaignStarted>(heard[0]);
        Assert.IsType<CampaignCompleted>(heard[^1]);
        Assert.All(heard, e => Assert.True(SubscriberEvents.IsSubscriberEvent(e.GetType()), e.GetType().Name));
        // One RoundRecorded per recorded round, with the round's numbers; stages and decisions as recorded.
        Assert.Equal(record.OfType<RoundCompleted>().Select(r => (r.Round, r.Accuracy, r.CumulativeCost, r.Cost)),
            heard.OfType<RoundRecorded>().Select(r => (r.Round, r.Accuracy, r.CumulativeCost, r.Cost)));
        Assert.Equal(record.OfType<StageStarted>(), heard.OfType<StageStarted>());
        Assert.Equal(record.OfType<StageConcluded>(), heard.OfType<StageConcluded>());
        Assert.Equal(record.OfType<DecisionMade>(), heard.OfType<DecisionMade>());
        Assert.True(heard.OfType<DecisionMade>().Count() >= 2);
        // Nothing of the planner's own bookkeeping (released tasks, the round streams' steps) reaches subscribers.
        Assert.Null(SubscriberEventMapping.From(record.OfType<TasksReleased>().Single(), Records.T0));
        Assert.All(planner.Streams.Where(s => s.Key != Records.Campaign).SelectMany(s => s.Value), e => Assert.Null(SubscriberEventMapping.From(e, Records.T0)));
        // A decision is heard after every round of its stage.
        foreach (DecisionMade d in heard.OfType<DecisionMade>())
            Assert.True(heard.IndexOf(d) > heard.FindLastIndex(e => e is RoundRecorded r && r.Round.Stage == d.Decision.Stage));
        RoundRecorded second = heard.OfType<RoundRecorded>().First(r => r.Round.TaskIndex == 1);
        Assert.Equal((second.Accuracy[0] + second.Accuracy[1]) / 2, second.AverageAccuracy, 12);
        Assert.Equal(Records.T0, second.RecordedAt);
        Assert.All(heard, e => Assert.EndsWith($".{Records.Campaign:D}", SubscriberEvents.RoutingKey(e)));
        Assert.Equal("decision.made", SubscriberEvents.RoutingKey(heard.OfType<DecisionMade>().First())[..^37]);
    }

    [Fact]
    public void TheCampaignStateStaysTheSameSize_HoweverManyRoundsComplete()
    {
        CampaignState c = Records.Running(Records.Spec(seeds: [1], tasks: 2));
        RoundCompleted template = new InMemoryPlannerRun().FirstCompletion;
        int SizeAfter(int rounds)
        {
            CampaignState s = Records.Running(Records.Spec(seeds: [1], tasks: 2));
            for (int i = 0; i < rounds; i++) s.Apply(template);
            return System.Text.Json.JsonSerializer.Serialize(s).Length;
        }
        Assert.InRange(SizeAfter(10_000) - SizeAfter(10), 0, 16); // counts grow by digits, not by rounds
        // Nor with the task specs: 32 seeds x 100 tasks are read from their event when needed, not kept in the state.
        int Size(CampaignState s) => System.Text.Json.JsonSerializer.Serialize(s).Length;
        CampaignState big = Records.Running(Records.Spec(seeds: [.. Enumerable.Range(1, 32).Select(i => (long)i)], tasks: 100));
        Assert.InRange(Size(big) - Size(c), 0, 1_000); // the spec's own seed list, and the stage's arms
        Assert.True(big.HasTasks);
    }

    [Fact]
    public void StartCampaign_RejectsABadSpec_RecordingNothing_AndCompletesAPartialOne()
    {
        CampaignSpec bad = Records.Spec() with { Widths = [0], Training = new TrainingSpec(Momentum: double.NaN) };
        PlannerOutcome rejected = CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, bad), null, Records.T0, new CampaignLimits());
        Assert.True(rejected.AppendsNothing);
        var problems = Assert.IsType<CampaignRejected>(Assert.Single(rejected.Messages)).Problems;
        Assert.Contains(problems, p => p.StartsWith("widths: 0 is not allowed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("training.momentum: must be in [0, 1), got NaN", StringComparison.Ordinal));

        // Another system may leave out what the command line would default: depth, activation, prices, seeds.
        CampaignSpec partial = Records.Spec() with { Depth = 0, Activation = null!, Prices = null!, Seeds = null! };
        PlannerOutcome started = CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, partial), null, Records.T0, new CampaignLimits());
        CampaignStarted s = Assert.IsType<CampaignStarted>(Assert.Single(Assert.Single(started.Appends).Events));
        Assert.Equal((1, "relu", PriceBook.Default), (s.Spec.Depth, s.Spec.Activation, s.Spec.Prices));
        Assert.Equal(CampaignSpec.Demo().Seeds, s.Spec.Seeds);
        Assert.Contains(started.Messages, m => m is GenerateTasks);
    }

    [Fact]
    public void StartCampaign_Again_AsksForTasksOnlyWhileNotReleased_AndRefusesAnotherSpecUnderTheSameId()
    {
        CampaignSpec spec = Records.Spec();
        CampaignState started = CampaignState.Create(new CampaignStarted(Records.Campaign, spec, Records.T0));
        var again = CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, spec), started, Records.T0, new CampaignLimits());
        Assert.True(again.AppendsNothing);
        Assert.IsType<GenerateTasks>(Assert.Single(again.Messages));

        Assert.Empty(CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, spec), Records.Running(spec), Records.T0, new CampaignLimits()).Messages);
        var other = CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, spec with { Name = "other" }), started, Records.T0, new CampaignLimits());
        Assert.Contains("is already used by another campaign", Assert.IsType<CampaignRejected>(Assert.Single(other.Messages)).Problems[0]);
    }

    [Fact]
    public void TasksReleased_StartsEveryFirstRound_AndAgainResendsOnlyTheUntrainedOnes()
    {
        CampaignSpec spec = Records.Spec();
        CampaignState started = CampaignState.Create(new CampaignStarted(Records.Campaign, spec, Records.T0));
        PlannerOutcome first = TasksReleasedDecider.Decide(Records.Tasks(spec), started, new Dictionary<Guid, RoundState>());
        Assert.Equal(4, first.Appends.Count(a => a.StartsStream));
        Assert.Equal(4, first.Messages.OfType<TrainRound>().Count());
        Assert.IsType<StageStarted>(first.Messages[0]);

        var planner = new InMemoryPlanner();
        planner.Apply(CampaignStartDecider.Decide(new StartCampaign(Records.Campaign, spec), null, Records.T0, new CampaignLimits()));
        planner.Apply(first);
        planner.Sent.Clear();
        planner.Handle(Records.Trained(first.Messages.OfType<TrainRound>().First())); // one first round is trained
        PlannerOutcome again = TasksReleasedDecider.Decide(Records.Tasks(spec), planner.Campaign, planner.Known(TasksReleasedDecider.RoundsToLoad(planner.Campaign!)));
        Assert.True(again.AppendsNothing);
        Assert.Equal(3, again.Messages.OfType<TrainRound>().Count());
        Assert.Throws<PermanentFailureException>(() => TasksReleasedDecider.Decide(Records.Tasks(spec with { Seeds = [9] }), started, new Dictionary<Guid, RoundState>()));
    }

    [Fact]
    public void EveryStepSeenTwice_AppendsNothing_AndSendsAgainOnlyWhatHasNotAdvanced()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(seeds: [1], widths: [16])));
        planner.Handle(planner.Sent.OfType<GenerateTasks>().Single());
        var train = planner.Sent.OfType<TrainRound>().Single();
        planner.Sent.Clear();
        RoundTrained trained = Records.Trained(train);
        planner.Handle(trained);
        var evaluate = Assert.IsType<EvaluateRound>(Assert.Single(planner.Sent));

        // The EvaluateRound was lost after the commit: the redelivered RoundTrained sends it again, built from the record.
        PlannerOutcome duplicate = RoundTrainedDecider.Decide(trained with { Training = trained.Training with { Worker = "other" } },
            planner.Rounds[train.Round.RoundId], CampaignStatus.Running);
        Assert.True(duplicate.AppendsNothing);
        Assert.Equal("unit", Assert.IsType<EvaluateRound>(Assert.Single(duplicate.Messages)).Trained.Training.Worker);

        planner.Sent.Clear();
        RoundEvaluated evaluated = Records.Evaluated(evaluate);
        planner.Handle(evaluated);
        planner.Sent.Clear();
        // Once evaluated, a duplicate RoundTrained sets off nothing; a duplicate RoundEvaluated asks for the price again.
        Assert.Empty(RoundTrainedDecider.Decide(trained, planner.Rounds[train.Round.RoundId], CampaignStatus.Running).Messages);
        var price = Assert.IsType<PriceRound>(Assert.Single(RoundEvaluatedDecider.Decide(evaluated, planner.Rounds[train.Round.RoundId], null, planner.Campaign).Messages));

        RoundCosted costed = Records.Costed(price);
        planner.Handle(costed);
        var next = Assert.IsType<TrainRound>(Assert.Single(planner.Sent));
        // A duplicate price re-sends the chain's next TrainRound while that round is not trained, and nothing once it is.
        RoundState round = planner.Rounds[train.Round.RoundId];
        PlannerOutcome again = RoundCostedDecider.Decide(costed, round, [], planner.Campaign, planner.Known(RoundCostedDecider.RoundsToLoad(round, planner.Campaign!)), null, planner.Sequences, Records.T0);
        Assert.True(again.AppendsNothing);
        Assert.Equal(next.Round, Assert.IsType<TrainRound>(Assert.Single(again.Messages)).Round);
        planner.Handle(Records.Trained(next));
        Assert.Empty(RoundCostedDecider.Decide(costed, round, [], planner.Campaign, planner.Known(RoundCostedDecider.RoundsToLoad(round, planner.Campaign!)), null, planner.Sequences, Records.T0).Messages);
    }

    [Fact]
    public void StepsOutOfOrder_AreRetriedLater_AndUnknownRoundsRefusedForGood()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(seeds: [1], widths: [16])));
        planner.Handle(planner.Sent.OfType<GenerateTasks>().Single());
        var train = planner.Sent.OfType<TrainRound>().Single();
        RoundEvaluated early = Records.Evaluated(new EvaluateRound(Records.Trained(train)));
        Assert.Throws<RoundNotReadyException>(() => RoundEvaluatedDecider.Decide(early, planner.Rounds[train.Round.RoundId], null, planner.Campaign));
        RoundTrained stranger = Records.Trained(train with { Round = train.Round with { RoundId = Guid.NewGuid() } });
        Assert.Throws<PermanentFailureException>(() => RoundTrainedDecider.Decide(stranger, null, CampaignStatus.Running));
    }

    [Fact]
    public void AFailedCampaign_RecordsWhatArrives_ButSendsNothing()
    {
        var planner = new InMemoryPlanner();
        planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(seeds: [1], widths: [16])));
        planner.Handle(planner.Sent.OfType<GenerateTasks>().Single());
        var train = planner.Sent.OfType<TrainRound>().Single();
        planner.Campaign!.Apply(new CampaignFailed(Records.Campaign, "test", Records.T0));
        PlannerOutcome late = RoundTrainedDecider.Decide(Records.Trained(train), planner.Rounds[train.Round.RoundId], planner.Campaign.Status);
        Assert.Single(late.Appends);
        Assert.Empty(late.Messages);
    }

    /// <summary>One completed round, for the size test.</summary>
    private sealed class InMemoryPlannerRun
    {
        public RoundCompleted FirstCompletion { get; }

        public InMemoryPlannerRun()
        {
            var planner = new InMemoryPlanner();
            planner.Handle(new StartCampaign(Records.Campaign, Records.Spec(seeds: [1], widths: [16])));
            planner.RunToEnd();
            FirstCompletion = planner.Completed[0];
        }
    }
}
