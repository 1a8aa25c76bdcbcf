using WidthRetrain.Learning.Evaluation;

namespace WidthRetrain.Learning.Tests.Evaluation;

public class ContinualMetricsCalculatorTests
{
    private const int Precision = 12;

    [Fact]
    public void ThreeTasks_AllMetricsMatchHandComputation()
    {
        // a (row = after task k, column = on task j):
        //   [0.90 0.10 0.20]
        //   [0.70 0.80 0.15]
        //   [0.60 0.50 0.85]
        // b (random init) = [0.10 0.12 0.05]
        // AA = (0.60 + 0.50 + 0.85) / 3 = 1.95 / 3 = 0.65
        // LA = (0.90 + 0.80 + 0.85) / 3 = 2.55 / 3 = 0.85
        // Chaudhry (max over rows j..T-1): task1 max(0.90, 0.70) - 0.60 = 0.30; task2 max(0.80) - 0.50 = 0.30
        //   F = (0.30 + 0.30) / 2 = 0.30
        // Paper (max over rows j..T): task1 0.90 - 0.60 = 0.30; task2 max(0.80, 0.50) - 0.50 = 0.30; task3 0
        //   AF = 0.60 / 3 = 0.20
        // BWT = ((0.60 - 0.90) + (0.50 - 0.80)) / 2 = -0.30
        // FWT = ((a[1][2] - b2) + (a[2][3] - b3)) / 2 = ((0.10 - 0.12) + (0.15 - 0.05)) / 2 = 0.08 / 2 = 0.04
        var a = new AccuracyMatrix(
        [
            [0.90, 0.10, 0.20],
            [0.70, 0.80, 0.15],
            [0.60, 0.50, 0.85],
        ]);

        var m = ContinualMetricsCalculator.Compute(a, [0.10, 0.12, 0.05]);

        Assert.Equal(3, m.TaskCount);
        Assert.Equal(0.65, m.AverageAccuracy, Precision);
        Assert.Equal(0.85, m.LearningAccuracy, Precision);
        Assert.Equal(0.30, m.ForgettingChaudhry!.Value, Precision);
        Assert.Equal(0.20, m.ForgettingPaper, Precision);
        Assert.Equal(-0.30, m.BackwardTransfer!.Value, Precision);
        Assert.Equal(0.04, m.ForwardTransfer!.Value, Precision);
        AssertSeq([0.30, 0.30], m.PerTaskForgettingChaudhry);
        AssertSeq([0.30, 0.30, 0.0], m.PerTaskForgettingPaper);
    }

    [Fact]
    public void WithoutRandomInit_ForwardTransferIsNull()
    {
        var a = new AccuracyMatrix([[0.9, 0.1], [0.7, 0.8]]);
        var m = ContinualMetricsCalculator.Compute(a);
        Assert.Null(m.ForwardTransfer);
        Assert.NotNull(m.BackwardTransfer);
    }

    [Fact]
    public void SingleTask_UndefinedMetricsAreNull()
    {
        var a = new AccuracyMatrix([[0.73]]);
        var m = ContinualMetricsCalculator.Compute(a, [0.1]);

        Assert.Equal(1, m.TaskCount);
        Assert.Equal(0.73, m.AverageAccuracy);
        Assert.Equal(0.73, m.LearningAccuracy);
        Assert.Equal(0.0, m.ForgettingPaper);
        Assert.Null(m.ForgettingChaudhry);
        Assert.Null(m.BackwardTransfer);
        Assert.Null(m.ForwardTransfer);
        Assert.Empty(m.PerTaskForgettingChaudhry);
        AssertSeq([0.0], m.PerTaskForgettingPaper);
    }

    [Fact]
    public void TaskWhoseFinalAccuracyIsItsBest_HasZeroPaperTerm()
    {
        // a = [0.60 0.10]
        //     [0.90 0.80]
        // Task 1 ends at 0.90, its best ever.
        // Paper: max(0.60, 0.90) - 0.90 = 0 (max includes the final row, so never negative).
        // Chaudhry, as defined, maxes over rows before the last: 0.60 - 0.90 = -0.30
        // (negative forgetting = improvement; the formula is not clamped).
        var a = new AccuracyMatrix([[0.60, 0.10], [0.90, 0.80]]);
        var m = ContinualMetricsCalculator.Compute(a);

        Assert.Equal(0.0, m.PerTaskForgettingPaper[0]);
        Assert.Equal(0.0, m.ForgettingPaper);
        Assert.Equal(-0.30, m.PerTaskForgettingChaudhry[0], Precision);
    }

    [Fact]
    public void TaskWhoseAccuracyNeverDrops_HasZeroTermInBothVariants()
    {
        // a = [0.70 0.20]
        //     [0.70 0.90]
        // Task 1: Chaudhry max(0.70) - 0.70 = 0; paper max(0.70, 0.70) - 0.70 = 0. Both exactly 0, not negative.
        var a = new AccuracyMatrix([[0.70, 0.20], [0.70, 0.90]]);
        var m = ContinualMetricsCalculator.Compute(a);

        Assert.Equal(0.0, m.PerTaskForgettingChaudhry[0]);
        Assert.Equal(0.0, m.PerTaskForgettingPaper[0]);
        Assert.Equal(0.0, m.ForgettingChaudhry);
        Assert.Equal(0.0, m.BackwardTransfer);
    }

    [Fact]
    public void MaxIsTakenOverTheCorrectRowRange()
    {
        // a = [0.50 0.95 0.00 0.00]
        //     [0.70 0.40 0.00 0.00]
        //     [0.90 0.50 0.70 0.00]
        //     [0.60 0.80 0.70 0.60]
        // Task 1 rises after it is learned (0.50 -> 0.70 -> 0.90) then falls to 0.60: the max is the later
        //   peak 0.90 in both variants -> term 0.30.
        // Task 2: the 0.95 in row 1 comes before task 2 is learned and must be ignored (range starts at row j).
        //   Chaudhry: rows 2..3 only -> max(0.40, 0.50) - 0.80 = -0.30 (final row's 0.80 excluded from the max).
        //   Paper:    rows 2..4      -> max(0.40, 0.50, 0.80) - 0.80 = 0.
        // Task 3: 0.70 -> 0.70: 0 in both. Task 4 (paper only): 0.
        // F_chaudhry = (0.30 - 0.30 + 0) / 3 = 0; AF_paper = (0.30 + 0 + 0 + 0) / 4 = 0.075
        // BWT = ((0.60 - 0.50) + (0.80 - 0.40) + (0.70 - 0.70)) / 3 = 0.50 / 3
        var a = new AccuracyMatrix(
        [
            [0.50, 0.95, 0.00, 0.00],
            [0.70, 0.40, 0.00, 0.00],
            [0.90, 0.50, 0.70, 0.00],
            [0.60, 0.80, 0.70, 0.60],
        ]);

        var m = ContinualMetricsCalculator.Compute(a);

        AssertSeq([0.30, -0.30, 0.0], m.PerTaskForgettingChaudhry);
        AssertSeq([0.30, 0.0, 0.0, 0.0], m.PerTaskForgettingPaper);
        Assert.Equal(0.0, m.ForgettingChaudhry!.Value, Precision);
        Assert.Equal(0.075, m.ForgettingPaper, Precision);
        Assert.Equal(0.50 / 3, m.BackwardTransfer!.Value, Precision);
    }

    [Fact]
    public void WrongRandomInitLength_Throws_NamingParameter()
    {
        var a = new AccuracyMatrix([[0.9, 0.1], [0.7, 0.8]]);
        var ex = Assert.Throws<ArgumentException>(() => ContinualMetricsCalculator.Compute(a, [0.1, 0.1, 0.1]));
        Assert.Equal("randomInitAccuracy", ex.ParamName);
        Assert.Contains("randomInitAccuracy has 3 values", ex.Message);
    }

    [Fact]
    public void InvalidRandomInitValue_Throws_NamingIndex()
    {
        var a = new AccuracyMatrix([[0.9, 0.1], [0.7, 0.8]]);
        var ex = Assert.Throws<ArgumentException>(() => ContinualMetricsCalculator.Compute(a, [0.1, double.NaN]));
        Assert.Equal("randomInitAccuracy", ex.ParamName);
        Assert.Contains("randomInitAccuracy[1]", ex.Message);
    }

    [Fact]
    public void NullMatrix_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ContinualMetricsCalculator.Compute(null!));
    }

    private static void AssertSeq(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Precision);
        }
    }
}
