using System.Text.Json;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.State;

namespace WidthRetrain.Planner.Tests;

/// <summary>The status is an enum in code and the same lower-case name in stored documents as before it was one.</summary>
public class CampaignStatusTests
{
    [Fact]
    public void ASummary_StoresItsStatusByLowerCaseName_AndReadsTheDocumentsWrittenBefore()
    {
        string json = JsonSerializer.Serialize(new CampaignSummary { Status = CampaignStatus.Completed });
        Assert.Contains("\"Status\":\"completed\"", json);
        Assert.Equal(CampaignStatus.Failed, JsonSerializer.Deserialize<CampaignSummary>("""{"Status":"failed"}""")!.Status);
        // Campaign snapshots stored the enum as a number.
        Assert.Equal(CampaignStatus.Completed, JsonSerializer.Deserialize<CampaignState>("""{"Status":1}""")!.Status);
        Assert.Equal("running", CampaignStatus.Running.Text());
    }
}
