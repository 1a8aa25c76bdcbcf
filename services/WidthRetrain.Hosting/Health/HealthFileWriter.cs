using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WidthRetrain.Hosting.Health;

/// <summary>
/// The health signal of a worker without a web server: every few seconds the registered health checks (MassTransit's
/// bus check among them) are run and the result is written to Health:File (default /tmp/widthretrain-SERVICE.health).
/// A container health check reads the file: "Healthy" and fresh means up.
/// </summary>
public sealed class HealthFileWriter(HealthCheckService checks, IConfiguration configuration, ServiceIdentity identity, ILogger<HealthFileWriter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string path = configuration["Health:File"] ?? Path.Combine(Path.GetTempPath(), $"widthretrain-{identity.Name}.health");
        HealthStatus? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                HealthReport report = await checks.CheckHealthAsync(stoppingToken);
                string json = JsonSerializer.Serialize(new
                {
                    service = identity.Name,
                    instance = identity.Instance,
                    status = report.Status.ToString(),
                    at = DateTimeOffset.UtcNow,
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
                await File.WriteAllTextAsync(path + ".tmp", json, stoppingToken);
                File.Move(path + ".tmp", path, overwrite: true);
                if (report.Status != last) log.LogInformation("Health {Status} ({Path})", report.Status, path);
                last = report.Status;
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.LogWarning(e, "Cannot write the health file {Path}", path);
                await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
            }
        }
    }
}
