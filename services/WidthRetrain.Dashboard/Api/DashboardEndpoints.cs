using Marten;
using WidthRetrain.Dashboard.Accuracy;
using WidthRetrain.Dashboard.Curve;
using WidthRetrain.Dashboard.Decisions;
using WidthRetrain.Dashboard.Live;
using WidthRetrain.Dashboard.Reading;
using WidthRetrain.Dashboard.Replay;
using WidthRetrain.Dashboard.Rounds;
using WidthRetrain.Dashboard.Shared;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Dashboard.Api;

/// <summary>
/// The pages and the JSON API behind them (docs/dashboard.md lists it). Every endpoint reads; none appends. A refused
/// request is HTTP 400/404/409 with {"error": "one line naming the field"}.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app, TimeSpan poll)
    {
        app.MapGet("/", () => DashboardAssets.Serve("index.html"));
        app.MapGet("/campaigns/{id:guid}", (Guid id) => DashboardAssets.Serve("campaign.html"));
        app.MapGet("/assets/{name}", (string name) => DashboardAssets.Serve(name));
        // Browsers ask for it on every page, the JSON ones too; there is none.
        app.MapGet("/favicon.ico", () => Results.NoContent());

        RouteGroupBuilder api = app.MapGroup("/api").AddEndpointFilter(Refusals);
        api.MapGet("/campaigns", (IDocumentStore store, CancellationToken cancel) => CampaignDirectory.ListAsync(store, cancel));
        api.MapGet("/campaigns/{id:guid}", async (Guid id, IDocumentStore store, CancellationToken cancel) =>
            await CampaignDetailReader.ReadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id));
        api.MapGet("/campaigns/{id:guid}/decisions", async (Guid id, IDocumentStore store, CancellationToken cancel) =>
            DecisionTimeline.Of(await HistoryAsync(store, id, cancel)));
        api.MapGet("/campaigns/{id:guid}/width-curve", async (Guid id, IDocumentStore store, CancellationToken cancel) =>
        {
            CampaignHistory history = await HistoryAsync(store, id, cancel);
            await using IQuerySession q = store.QuerySession();
            return WidthCurveBuilder.Build(await q.LoadAsync<WidthCurve>(id, cancel), history);
        });
        api.MapGet("/campaigns/{id:guid}/accuracy", async (Guid id, IDocumentStore store, CancellationToken cancel) =>
        {
            CampaignDetail detail = await CampaignDetailReader.ReadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id);
            return AccuracyMatrices.Of(await RoundStream.ListAsync(store, id, cancel), detail.Campaign.Tasks);
        });
        api.MapGet("/campaigns/{id:guid}/rounds", async (Guid id, IDocumentStore store, CancellationToken cancel) =>
        {
            _ = await CampaignDetailReader.ReadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id);
            return (await RoundStream.ListAsync(store, id, cancel)).Select(r => new { round = r, events = $"/api/campaigns/{id}/rounds/{r.Id}" });
        });
        api.MapGet("/campaigns/{id:guid}/rounds/{round:guid}", async (Guid id, Guid round, IDocumentStore store, CancellationToken cancel) =>
            await RoundStream.ReadAsync(store, id, round, cancel)
            ?? throw new DashboardProblem($"round: no round {round} in campaign {id}", StatusCodes.Status404NotFound));
        api.MapGet("/campaigns/{id:guid}/events", async (Guid id, IDocumentStore store, IHostApplicationLifetime lifetime, CancellationToken cancel) =>
        {
            _ = await CampaignDetailReader.ReadAsync(store, id, cancel) ?? throw DashboardProblem.NotFound(id);
            // Ends with the request or with the host: an open page must not hold a stopping dashboard for its shutdown timeout.
            var both = CancellationTokenSource.CreateLinkedTokenSource(cancel, lifetime.ApplicationStopping);
            return TypedResults.ServerSentEvents(Disposing(SummaryStream.FollowAsync(store, id, poll, both.Token), both));
        });
        api.MapPost("/campaigns/{id:guid}/replay", (Guid id, IDocumentStore store, CancellationToken cancel) => CampaignReplay.AuditAsync(store, id, cancel));
        api.MapPost("/campaigns/{id:guid}/counterfactual", (Guid id, CounterfactualRequest request, IDocumentStore store, CancellationToken cancel) =>
            CampaignReplay.CounterfactualAsync(store, id, request, cancel));
        return app;
    }

    private static async Task<CampaignHistory> HistoryAsync(IDocumentStore store, Guid id, CancellationToken cancel)
    {
        await using IQuerySession q = store.QuerySession();
        return await CampaignHistory.LoadAsync(q, id, cancel) ?? throw DashboardProblem.NotFound(id);
    }

    /// <summary>A refused request as one line of JSON, never a stack trace.</summary>
    private static async ValueTask<object?> Refusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DashboardProblem p)
        {
            return Results.Json(new { error = p.Message }, DashboardJson.Options, statusCode: p.Status);
        }
    }

    private static async IAsyncEnumerable<T> Disposing<T>(IAsyncEnumerable<T> items, IDisposable owned)
    {
        using (owned)
            await foreach (T item in items) yield return item;
    }
}
