using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace WidthRetrain.Hosting.Startup;

/// <summary>
/// Waits for PostgreSQL before Marten applies its schema (Marten's own start-up retry is only 3 x 50 ms, and its
/// activator starts before any hosted service we could register). Call it before the host runs.
/// </summary>
public static class PostgresWait
{
    public static async Task UntilReachableAsync(string connectionString, ILogger log, TimeSpan total, CancellationToken cancel = default)
    {
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(total)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<SocketException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = int.MaxValue,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = a =>
                {
                    log.LogWarning("PostgreSQL not reachable yet ({Error}); retry {Attempt} in {Delay}", a.Outcome.Exception?.Message, a.AttemptNumber + 1, a.RetryDelay);
                    return default;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(5))
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct =>
            {
                await using var c = new NpgsqlConnection(connectionString);
                await c.OpenAsync(ct);
            }, cancel);
        }
        catch (TimeoutRejectedException e)
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"PostgreSQL at {b.Host}:{b.Port} (database {b.Database}, user {b.Username}) not reachable within {total.TotalSeconds:0} s; start it with infra/local/start-postgres.sh or set ConnectionStrings:Marten", e);
        }
    }
}
