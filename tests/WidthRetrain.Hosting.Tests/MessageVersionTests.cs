using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Hosting.Messaging;

namespace WidthRetrain.Hosting.Tests;

public class MessageVersionTests
{
    [Fact]
    public void KnownVersionPasses_AnotherIsRefusedForGood_NamingTheMessage()
    {
        var message = new StartCampaign(Guid.NewGuid(), CampaignSpec.Demo());
        MessageVersion.Require(message);
        var e = Assert.Throws<PermanentFailureException>(() => MessageVersion.Require(message with { SchemaVersion = 2 }));
        Assert.Equal("StartCampaign schema version 2 is not supported (1 is)", e.Message);
    }
}
