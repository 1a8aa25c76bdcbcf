using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace WidthRetrain.Hosting.Health;

/// <summary>The event store answers a trivial query within a few seconds; otherwise the service reports itself unhealthy.</summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand("SELECT 1", c);
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable: {e.Message.Split('\n')[0]}");
        }
    }
}
