using Marten;
using MassTransit;
using Microsoft.Extensions.Logging;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Hosting.Messaging;
using WidthRetrain.Planner.Deciding;
using WidthRetrain.Planner.State;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Planner.Consumers;

/// <summary>
/// MassTransit publishes a Fault&lt;T&gt; when a message still fails after its retries. The planner records it on the
/// campaign (<see cref="FaultDecider"/>): a permanent failure fails the campaign at once, naming the round, the
/// service and the reason, so `run` and `show` can say what happened without waiting for a timeout.
/// </summary>
public sealed class FaultConsumer(IDocumentStore store, ILogger<FaultConsumer> log) :
    IConsumer<Fault<TrainRound>>, IConsumer<Fault<EvaluateRound>>, IConsumer<Fault<PriceRound>>, IConsumer<Fault<GenerateTasks>>,
    IConsumer<Fault<RoundTrained>>, IConsumer<Fault<RoundEvaluated>>, IConsumer<Fault<RoundCosted>>, IConsumer<Fault<TasksReleased>>
{
    public Task Consume(ConsumeContext<Fault<TrainRound>> context) => Record(context, context.Message.Message.Round, "trainer");

    public Task Consume(ConsumeContext<Fault<EvaluateRound>> context) => Record(context, context.Message.Message.Trained.Round, "evaluator");

    public Task Consume(ConsumeContext<Fault<PriceRound>> context) => Record(context, context.Message.Message.Round, "cost-accountant");

    public Task Consume(ConsumeContext<Fault<GenerateTasks>> context) => Record(context, context.Message.Message.CampaignId, null, "drift-generator");

    public Task Consume(ConsumeContext<Fault<RoundTrained>> context) => Record(context, context.Message.Message.Round, "planner");

    public Task Consume(ConsumeContext<Fault<RoundEvaluated>> context) => Record(context, context.Message.Message.Round, "planner");

    public Task Consume(ConsumeContext<Fault<RoundCosted>> context) => Record(context, context.Message.Message.Round, "planner");

    public Task Consume(ConsumeContext<Fault<TasksReleased>> context) => Record(context, context.Message.Message.CampaignId, null, "planner");

    private Task Record<T>(ConsumeContext<Fault<T>> context, RoundRef round, string service) where T : class =>
        Record(context, round.CampaignId, round, service);

    private async Task Record<T>(ConsumeContext<Fault<T>> context, Guid campaignId, RoundRef? round, string service) where T : class
    {
        ExceptionInfo? e = context.Message.Exceptions.FirstOrDefault();
        var report = new FaultReport(campaignId, round, typeof(T).Name, service, FaultReport.OneLine(e?.Message),
            PermanentFailures.IsPermanent(e?.ExceptionType), context.Message.Timestamp);
        log.LogWarning("{Service} failed {Message} of campaign {CampaignId}{Round} ({Kind}): {Reason}", service, report.MessageType, campaignId,
            round is null ? "" : " on " + RoundCommands.Describe(round), report.Permanent ? "permanent" : "transient, will be sent again", report.Reason);
        await using var work = PlannerUnitOfWork.Open(store, campaignId, context.MessageId, $"Fault<{typeof(T).Name}>");
        await work.ReadAsync(round?.RoundId, CampaignAccess.Write, [], context.CancellationToken);
        CampaignState? campaign = await work.CampaignForWritingAsync(context.CancellationToken);
        RoundState? state = round is null ? null : await work.RoundForWritingAsync(round.RoundId, context.CancellationToken);
        PlannerOutcome outcome = FaultDecider.Decide(report, campaign, state);
        await work.CommitAsync(outcome, context.CancellationToken);
        foreach (CampaignFailed failed in outcome.Messages.OfType<CampaignFailed>())
            log.LogError("Campaign {CampaignId} failed: {Reason}", failed.CampaignId, failed.Reason);
        await PlannerMessages.SendAsync(context, outcome, log, context.CancellationToken);
    }
}
