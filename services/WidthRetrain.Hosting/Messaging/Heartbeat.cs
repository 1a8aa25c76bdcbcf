using MassTransit;
using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Hosting.Messaging;

/// <summary>
/// Publishes <see cref="RoundInProgress"/> every few seconds while a worker holds a round, straight on the bus (not
/// through the consumer's outbox, which would hold it until the work is done). Best effort: a failed heartbeat is skipped.
/// </summary>
public sealed class Heartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private Heartbeat(IBus bus, RoundRef round, string service, string worker, TimeSpan every)
    {
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    try
                    {
                        await bus.Publish(new RoundInProgress(round, service, worker, DateTimeOffset.UtcNow), stop.Token);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The broker may be restarting; the next beat will tell.
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public static Heartbeat Start(IBus bus, HeartbeatSettings settings, RoundRef round, string service, string worker) =>
        new(bus, round, service, worker, settings.Every);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
