using System.Text.Json;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.Hosting.Tests;

public class MessageVersionTests
{
    [Fact]
    public void KnownVersionPasses_AnotherIsRefusedForGood_NamingTheMessage()
    {
        var message = new StartCampaign(Guid.NewGuid(), CampaignSpec.Demo());
        MessageVersion.Require(message, 1);
        var e = Assert.Throws<PermanentFailureException>(() => MessageVersion.Require(message with { SchemaVersion = 2 }, 1));
        Assert.Equal("StartCampaign schema version 2 is not supported (1 is)", e.Message);
    }

    [Fact]
    public void RoundCosted_Version1AndVersion2_AreBothRead_AndAVersion3IsRefused()
    {
        // As a version 1 cost accountant sends it (with "arm"), and as version 2 does; the wire is camelCase JSON.
        const string v1 = """{"round":{"roundId":"80b45fbf-ef02-520e-bc4e-0fbb5ee2b241","campaignId":"aa5c0000-bc99-6299-7ea8-08df4db9e9e1","stage":1,"arm":"w16","width":16,"seed":1,"taskIndex":0,"taskCount":2},"arm":"w16","cost":{"trainingDeviceCost":1e-6,"evaluationDeviceCost":2e-6,"energyKwh":0,"energyCost":0,"co2Grams":null,"total":3e-6,"servingCostPerMillion":4e-5,"currency":"USD"},"cumulativeCost":3e-6,"schemaVersion":1}""";
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RoundCosted old = JsonSerializer.Deserialize<RoundCosted>(v1, options)!;
        RoundCosted current = JsonSerializer.Deserialize<RoundCosted>(JsonSerializer.Serialize(old with { SchemaVersion = RoundCosted.Version }, options), options)!;
        Assert.Equal((1, "w16", 3e-6), (old.SchemaVersion, old.Round.Arm, old.CumulativeCost));
        Assert.Equal(2, current.SchemaVersion);
        Assert.DoesNotContain("\"arm\":\"w16\",\"cost\"", JsonSerializer.Serialize(current, options));
        MessageVersion.Require(old, 1, RoundCosted.Version);
        MessageVersion.Require(current, 1, RoundCosted.Version);
        var e = Assert.Throws<PermanentFailureException>(() => MessageVersion.Require(current with { SchemaVersion = 3 }, 1, RoundCosted.Version));
        Assert.Equal("RoundCosted schema version 3 is not supported (1 and 2 are)", e.Message);
        Assert.Throws<PermanentFailureException>(() => MessageVersion.Require(old, 2)); // a consumer that knows only v2 refuses v1
    }
}
