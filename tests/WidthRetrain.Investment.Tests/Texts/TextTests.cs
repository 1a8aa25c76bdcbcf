using WidthRetrain.Contracts.Investment;
using WidthRetrain.Contracts.Stages;
using WidthRetrain.Investment.Texts;

namespace WidthRetrain.Investment.Tests.Texts;

public class TextTests
{
    [Fact]
    public void Numbers_ReadAsPercentagesPointsReturnsAndMoney()
    {
        Assert.Equal("12.35", NumberText.Percent(0.12345));
        Assert.Equal("-", NumberText.Percent(null));
        Assert.Equal("0.50 pts", NumberText.Points(0.005));
        Assert.Equal("unbounded", NumberText.Return(double.PositiveInfinity));
        Assert.Equal("1.667", NumberText.Return(5.0 / 3));
        Assert.Equal("0.123457", NumberText.Money(0.1234567));
        Assert.Equal("0.100000", NumberText.Cost(0.1));
        Assert.Equal("2,821.90", NumberText.Money(2821.895452)); // production prices: to the cent
        Assert.Equal("854.69", NumberText.Cost(854.689343));
        Assert.Equal("25.00 [24.00, 26.00]", NumberText.PercentInterval(new Estimate(0.25, 0.01, 0.24, 0.26, 3)));
        Assert.Equal("25.00", NumberText.PercentInterval(new Estimate(0.25, 0, 0.25, 0.25, 1)));
    }

    [Fact]
    public void Decisions_ReadAsTheirStep()
    {
        var numbers = new DecisionNumbers(0, 0, 0, 0, null, 0, 0, 0, null, null, null, null, null);
        var widen = new InvestmentDecision(1, DecisionAction.Widen, null, 64, 128, null, "", numbers, "staged-widening", 1, []);
        Assert.Equal("widen to 64, test 128", DecisionText.Step(widen));
        Assert.Equal("Widen", DecisionText.Verdict(widen));
        var pilot = widen with { Action = DecisionAction.TryLever, Reason = StopReason.DiminishingReturns, NextWidth = null, Lever = new LeverOption(LeverOption.Replay, 200) };
        Assert.Equal("at 64, pilot replay of 200 samples per task", DecisionText.Step(pilot));
        Assert.Equal("TryLever", DecisionText.Verdict(pilot));
        var stop = widen with { Action = DecisionAction.Stop, Reason = StopReason.CapReached, NextWidth = null };
        Assert.Equal("stop at 64 (CapReached)", DecisionText.Step(stop));
        Assert.Equal("Stop (CapReached)", DecisionText.Verdict(stop));
        Assert.Equal("lr decay 0.5 per task", DecisionText.Lever(new LeverOption(LeverOption.LearningRateDecay, 0.5)));
    }
}
