using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Planner.Audit;

namespace WidthRetrain.Planner.Tests.Audit;

public class ChainTests
{
    private static readonly Guid Stream = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    /// <summary>Events chained as the planner chains them.</summary>
    public static List<RecordedEvent> Chain(Guid stream, IEnumerable<object> data, string? correlation = "c", string? causation = "m",
        IReadOnlyList<Guid>? ids = null)
    {
        var events = new List<RecordedEvent>();
        string previous = EventHash.Genesis(stream);
        long v = 0;
        foreach (object d in data)
        {
            v++;
            string hash = EventHash.Of(stream, v, d, correlation, causation, previous);
            events.Add(new RecordedEvent(stream, v, 1000 + v, ids?[(int)v - 1] ?? Guid.NewGuid(), d, correlation, causation, hash, previous));
            previous = hash;
        }
        return events;
    }

    private static readonly object[] Data =
    [
        new CampaignRejected(Stream, ["a"]), new CampaignRejected(Stream, ["b"]), new CampaignRejected(Stream, ["c"]), new CampaignRejected(Stream, ["d"]),
    ];

    [Fact]
    public void TheHash_CoversContentPositionStreamTypeMetadataAndPredecessor()
    {
        var e = new CampaignRejected(Stream, ["x"]);
        string h = EventHash.Of(Stream, 1, e, "c", "m", "p");
        Assert.Equal(h, EventHash.Of(Stream, 1, new CampaignRejected(Stream, ["x"]), "c", "m", "p"));
        Assert.All(new[]
        {
            EventHash.Of(Stream, 1, e with { Problems = ["y"] }, "c", "m", "p"), EventHash.Of(Stream, 2, e, "c", "m", "p"),
            EventHash.Of(Guid.NewGuid(), 1, e, "c", "m", "p"), EventHash.Of(Stream, 1, e, "d", "m", "p"), EventHash.Of(Stream, 1, e, "c", "n", "p"),
            EventHash.Of(Stream, 1, e, "c", "m", "q"), EventHash.Of(Stream, 1, new CampaignResumedLike(Stream, ["x"]), "c", "m", "p"),
        }, other => Assert.NotEqual(h, other));
    }

    private sealed record CampaignResumedLike(Guid CampaignId, IReadOnlyList<string> Problems);

    [Fact]
    public void CanonicalJson_IsTheSameWhateverTheDictionaryOrder_AndKeepsDoublesExactly()
    {
        var a = PriceBook.Default with { DeviceHourPrice = new Dictionary<string, double> { ["cpu"] = 0.1, ["cuda"] = 1.2 } };
        var b = PriceBook.Default with { DeviceHourPrice = new Dictionary<string, double> { ["cuda"] = 1.2, ["cpu"] = 0.1 } };
        Assert.Equal(CanonicalJson.Of(a), CanonicalJson.Of(b));
        Assert.Contains("0.30000000000000004", CanonicalJson.Of(new[] { 0.1 + 0.2 }));
    }

    [Fact]
    public void AnOptionalFieldAddedToARecordedContract_LeavesOldContentAndSoItsHash_AsItWas()
    {
        // A DriftSpec as every campaign recorded it before drift parameters existed: no "parameters" key, so the same hash.
        Assert.Equal("""{"Angles":null,"Kind":"rotation","TargetDomain":null,"Tasks":5}""", CanonicalJson.Of(new DriftSpec()));
        Assert.Contains("\"Parameters\":{\"max-std\":\"0.3\"}", CanonicalJson.Of(new DriftSpec("noise", Parameters: new Dictionary<string, string> { ["max-std"] = "0.3" })));
    }

    [Fact]
    public void AnIntactChain_GivesItsHead()
    {
        List<RecordedEvent> events = Chain(Stream, Data);
        var (head, broken) = ChainVerifier.Verify(Stream, events, 4);
        Assert.Null(broken);
        Assert.Equal(events[^1].Hash, head);
    }

    [Fact]
    public void AnEditedEvent_IsNamed()
    {
        List<RecordedEvent> events = Chain(Stream, Data);
        events[2] = events[2] with { Data = new CampaignRejected(Stream, ["edited"]) };
        var (_, broken) = ChainVerifier.Verify(Stream, events, 4);
        Assert.StartsWith("event 3 (CampaignRejected, sequence 1003)", broken!.Where);
        Assert.Contains("edited after it was appended", broken.What);
    }

    [Fact]
    public void ARemovedEvent_AReorderedPair_AMissingHash_AndADeletedTail_AreEachNamed()
    {
        List<RecordedEvent> removed = Chain(Stream, Data);
        removed.RemoveAt(1);
        Assert.Contains("1 event(s) before it are missing", ChainVerifier.Verify(Stream, removed, 4).Break!.What);

        List<RecordedEvent> swapped = Chain(Stream, Data);
        (swapped[1], swapped[2]) = (swapped[2] with { Version = 2 }, swapped[1] with { Version = 3 });
        var (_, reordered) = ChainVerifier.Verify(Stream, swapped, 4);
        Assert.StartsWith("event 2 ", reordered!.Where);
        Assert.Contains("removed, inserted or reordered", reordered.What);

        List<RecordedEvent> unhashed = Chain(Stream, Data);
        unhashed[3] = unhashed[3] with { Hash = null };
        Assert.Contains("carries no hash", ChainVerifier.Verify(Stream, unhashed, 4).Break!.What);

        List<RecordedEvent> truncated = Chain(Stream, Data)[..2];
        Assert.Null(ChainVerifier.Verify(Stream, truncated, 2).Break); // a chain alone cannot see a cut tail...
        Assert.Contains("deleted from its end", ChainVerifier.Verify(Stream, truncated, 4).Break!.What); // ...the stream's version can
    }
}
