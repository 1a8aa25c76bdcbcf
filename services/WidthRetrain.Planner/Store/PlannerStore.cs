using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Store;

/// <summary>
/// The Marten event store of the planner: one stream per campaign and per round (Guid ids), correlation and
/// causation ids on every event, aggregates and read models projected inline (in the append's transaction).
/// </summary>
public static class PlannerStore
{
    public const string DefaultSchema = "widthretrain";

    /// <summary>The event type name of RoundCosted version 2 (version 1 events are "round_costed").</summary>
    public const string RoundCostedV2 = "round_costed_v2";

    /// <param name="autoCreate">None for the services (their role cannot change the schema); CreateOrUpdate only for the owner's migration.</param>
    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema, AutoCreate autoCreate = AutoCreate.None)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.UseMandatoryStreamTypeDeclaration = true;
        // RoundCosted v2 is stored as "round_costed_v2"; the v1 events ("round_costed") are read as v2.
        opts.Events.Upcast<Legacy.RoundCosted, RoundCosted>(Legacy.RoundCosted.EventTypeName, v1 => v1.Upcast());
        opts.Events.MapEventType<RoundCosted>(RoundCostedV2);
        // An aggregate fetched for writing stays in the session's identity map, and the inline snapshot applies the
        // appended events to it at commit instead of loading it again (and, with this off, Marten loads inline
        // projections' documents on a connection of their own, outside the commit's transaction). Handlers read
        // the fetched aggregate and never mutate it; each attempt at a message opens its own session, so a retry
        // still folds fresh state.
        opts.Events.UseIdentityMapForAggregates = true;
        opts.AutoCreateSchemaObjects = autoCreate;
        opts.Projections.Snapshot<CampaignState>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<RoundState>(SnapshotLifecycle.Inline);
        opts.Projections.Add<CampaignSummaryProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<WidthCurveProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<RoundViewProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<RoundView>().Index(x => x.CampaignId);
        opts.Schema.For<CampaignActivity>();
    }
}
