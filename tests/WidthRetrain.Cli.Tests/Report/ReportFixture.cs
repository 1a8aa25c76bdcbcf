using WidthRetrain.Cli.Campaigns;
using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Rounds;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Contracts.Tasks;
using WidthRetrain.Planner.Audit;
using WidthRetrain.Planner.Projections;
using WidthRetrain.Planner.Store;

namespace WidthRetrain.Cli.Tests.Report;

/// <summary>
/// A recorded staged campaign without rounds: two width stages and a lever pilot whose arm is called "pilot-a" (no '+'),
/// and a width arm whose name has a '+' in it; the report must tell them apart by what the stages recorded.
/// </summary>
internal static class ReportFixture
{
    public static readonly Guid Id = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");

    public static readonly LeverOption Replay = new(LeverOption.Replay, 100);

    public static CampaignHistory History(string name = "report-test", string pilot = "pilot-a", string wide = "w64+odd")
    {
        var policy = new InvestmentPolicy(StartWidth: 16, Levers: [Replay]);
        var spec = new CampaignSpec(name, new DatasetSpec("synthetic"), new DriftSpec("rotation", 2), [], 1, "relu", new TrainingSpec(), [1, 2],
            PriceBook.Default, Budget: 2.5, Policy: policy);
        ArmSpec Arm(string arm, int width) => new(arm, width, 1, "relu", new TrainingSpec());
        StageStarted[] stages =
        [
            new(Id, 1, [Arm("w16", 16), Arm("w32", 32)], 8, "w16", "w32"),
            new(Id, 2, [Arm(wide, 64)], 4, "w32", wide),
            new(Id, 3, [Arm(pilot, 64)], 4, wide, pilot, Replay),
        ];
        return new CampaignHistory(Id, spec, stages, [], [], 5);
    }

    public static CampaignReport Report(string name = "report-test", string pilot = "pilot-a", string wide = "w64+odd")
    {
        var summary = new CampaignSummary { Id = Id, Name = name, Status = WidthRetrain.Planner.State.CampaignStatus.Completed, Dataset = "synthetic", Scenario = "rotation", Tasks = 2, Seeds = [1, 2], Currency = "USD" };
        WidthCurvePoint Point(int stage, string arm, int width, double forgetting) => new(stage, Evidence(arm, width, forgetting));
        return new CampaignReport(summary,
            [Point(1, "w16", 16, 0.30), Point(1, "w32", 32, 0.20), Point(2, wide, 64, 0.15), Point(3, pilot, 64, 0.05)], []);
    }

    public static CampaignAuditReport Audit => new(Id, "abc123", 5, 0, 0, 0, [], []);

    private static ArmEvidence Evidence(string arm, int width, double forgetting)
    {
        Estimate E(double v) => new(v, 0.01, v - 0.01, v + 0.01, 2);
        return new ArmEvidence(arm, width, 2, E(0.8), E(forgetting), E(forgetting), E(0.9), E(-forgetting), E(0.1), 0.001 * width, 0.0001, 0.00001 * width, width);
    }
}
