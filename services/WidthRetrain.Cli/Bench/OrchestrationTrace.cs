using System.Collections.Concurrent;
using System.Diagnostics;

namespace WidthRetrain.Cli.Bench;

/// <summary>
/// Where a benchmark campaign's time goes, from the activities MassTransit and Npgsql report: per operation, how many
/// and their total and mean duration. For `bench orchestration --trace`.
/// </summary>
public sealed class OrchestrationTrace : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> totals = new();

    public OrchestrationTrace()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("MassTransit", StringComparison.Ordinal) || s.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => totals.AddOrUpdate(Key(a), (1, a.Duration.TotalMilliseconds), (_, t) => (t.Count + 1, t.Ms + a.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Reset() => totals.Clear();

    public IReadOnlyList<(string Operation, int Count, double TotalMs)> Snapshot() =>
        [.. totals.Select(kv => (kv.Key, kv.Value.Count, kv.Value.Ms)).OrderByDescending(t => t.Ms)];

    private static string Key(Activity a)
    {
        string name = a.DisplayName;
        if (a.Source.Name.StartsWith("Npgsql", StringComparison.Ordinal))
        {
            string? sql = a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string;
            if (sql is not null) name = Shorten(sql);
        }
        else if (a.GetTagItem("messaging.masstransit.consumer_type") is string consumer) name += " " + consumer[(consumer.LastIndexOf('.') + 1)..];
        return $"{a.Source.Name}: {name}";
    }

    private static string Shorten(string sql)
    {
        string s = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= 110 ? s : s[..110] + "…";
    }

    public void Dispose() => listener.Dispose();
}
