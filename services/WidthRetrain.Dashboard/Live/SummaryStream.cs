using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marten;
using Npgsql;
using WidthRetrain.Dashboard.Reading;
using WidthRetrain.Dashboard.Shared;

namespace WidthRetrain.Dashboard.Live;

/// <summary>
/// The server-sent events of a campaign page: the campaign's <see cref="CampaignDetail"/> whenever it changes ("summary"),
/// read from the CampaignSummary read model every poll interval; a "ping" now and then keeps proxies from closing an idle
/// stream; "end" once the campaign has finished (a resumed campaign is followed again by reloading). The read model is
/// projected in the append's transaction, so polling it sees every recorded step; no bus is needed.
/// </summary>
public static class SummaryStream
{
    public const string Summary = "summary", Ping = "ping", End = "end", Problem = "problem";

    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(15);

    public static async IAsyncEnumerable<SseItem<string>> FollowAsync(IDocumentStore store, Guid id, TimeSpan poll,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        string? last = null;
        DateTimeOffset lastSent = DateTimeOffset.UtcNow;
        while (!cancel.IsCancellationRequested)
        {
            CampaignDetail? detail = null;
            string? problem = null;
            try
            {
                detail = await CampaignDetailReader.ReadAsync(store, id, cancel);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The page says the store is unreachable and keeps the last figures; polling goes on.
                problem = $"the event store is unreachable: {e.Message.Split('\n')[0]}";
            }
            if (problem is not null)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(new { error = problem }, DashboardJson.Options), Problem);
                lastSent = DateTimeOffset.UtcNow;
            }
            else if (detail is not null)
            {
                string json = JsonSerializer.Serialize(detail, DashboardJson.Options);
                if (json != last)
                {
                    yield return new SseItem<string>(json, Summary);
                    last = json;
                    lastSent = DateTimeOffset.UtcNow;
                }
                if (detail.Campaign.FinishedAt is not null)
                {
                    yield return new SseItem<string>("{}", End);
                    yield break;
                }
            }
            if (DateTimeOffset.UtcNow - lastSent > PingEvery)
            {
                yield return new SseItem<string>("{}", Ping);
                lastSent = DateTimeOffset.UtcNow;
            }
            try
            {
                await Task.Delay(poll, cancel);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }
}
