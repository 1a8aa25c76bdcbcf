using WidthRetrain.Cli.Report;

namespace WidthRetrain.Cli.Tests.Report;

public class DecisionReportModelTests
{
    private static DecisionReportModel Model() => DecisionReportBuilder.Build(ReportFixture.History(), ReportFixture.Report(), ReportFixture.Audit);

    [Fact]
    public void LeverPilots_AreRecognisedFromTheirStage_NotFromTheirNames()
    {
        DecisionReportModel model = Model();
        ReportArm pilot = Assert.Single(model.Arms, a => a.IsLeverPilot);
        Assert.Equal("pilot-a", pilot.Evidence.Arm);
        Assert.Equal(ReportFixture.Replay, pilot.Lever);
        Assert.Equal(["w16", "w32", "w64+odd"], model.WidthArms.Select(a => a.Evidence.Arm));
    }

    [Fact]
    public void TheWidthCurve_IsFittedOnTheWidthArmsOnly()
    {
        DecisionReportModel model = Model();
        // Three widths: both fits exist; had the pilot (64, 5%) been taken for the width arm at 64, forgetting would fall faster.
        Assert.NotNull(model.OffsetFit);
        Assert.NotNull(model.LogFit);
        Assert.Equal(3, model.LogFit!.PointCount);
        Assert.Equal(-0.075, model.LogFit.SlopePerDoubling, 6);
    }

    [Fact]
    public void ThePolicy_ItsBudgetAndLevers_ComeFromTheSpec()
    {
        DecisionReportModel model = Model();
        Assert.Equal("staged-widening", model.Policy!.Name);
        Assert.Equal(2.5, model.Budget);
        Assert.Equal(["replay of 100 samples per task"], model.Levers);
        Assert.Empty(model.Decisions);
        // Without decisions the campaign ends with its least-forgetting arm.
        Assert.Equal("pilot-a", model.Chosen);
    }

    [Fact]
    public void TheMarkdown_NamesThePolicyAndEveryArm()
    {
        string md = ReportMarkdown.Write(Model());
        Assert.StartsWith("# Decision report: report-test", md, StringComparison.Ordinal);
        Assert.Contains("Policy **staged-widening v2**: start width 16, growth x2, cap 4096, minimum gain 0.50 pts, return threshold 1 forgetting fraction per USD", md);
        Assert.Contains("budget 2.50, levers replay of 100 samples per task, forecast on.", md);
        Assert.Contains("| pilot-a | 64 | 2 | 5.00 [4.00, 6.00] |", md);
        // Three means, one per width: the log-linear slope (-7.5 pts per doubling) has one residual degree of freedom
        // and does not beat a flat line, so no law is claimed.
        Assert.Contains("- Flat: no width trend distinguishable (log-linear slope -7.50 pts per doubling [", md);
        Assert.Contains("F(1, 1) = 27.00", md);
        // No rounds recorded: no per-seed values, so no ranking is claimed either.
        Assert.Contains("| pilot-a | 64 | 2 | 5.00 [4.00, 6.00] |", md);
        Assert.Contains("![Accuracy matrix of pilot-a](accuracy-matrix.png)", md);
    }

    [Fact]
    public void AFixedWidthCampaign_HasNoReturnChart()
    {
        // No stage compares two widths: nothing to draw, so the chart is neither written nor linked.
        DecisionReportModel model = Model();
        Assert.Empty(model.Stages); // the fixture records no rounds, so no stage has a comparison
        Assert.False(ReportPlots.HasReturns(model));
        Assert.DoesNotContain(ReportPlots.ReturnFile, ReportMarkdown.Write(model));
        string folder = Directory.CreateTempSubdirectory("wt-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ReportPlots.ReturnFile), "stale chart of an earlier report");
            IReadOnlyList<string> files = ReportPlots.Save(model, folder);
            Assert.DoesNotContain(ReportPlots.ReturnFile, files);
            Assert.False(File.Exists(Path.Combine(folder, ReportPlots.ReturnFile)));
            Assert.Contains(ReportPlots.WidthCurveFile, files);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
