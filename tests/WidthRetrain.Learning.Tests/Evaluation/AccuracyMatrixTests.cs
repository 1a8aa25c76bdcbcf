using System.Text.Json;
using WidthRetrain.Learning.Evaluation;

namespace WidthRetrain.Learning.Tests.Evaluation;

public class AccuracyMatrixTests
{
    private static readonly double[][] Sample =
    [
        [0.90, 0.10, 0.20],
        [0.70, 0.80, 0.15],
        [0.60, 0.50, 0.85],
    ];

    [Fact]
    public void Indexer_Row_TaskCount_ExposeTheData()
    {
        var m = new AccuracyMatrix(Sample);
        Assert.Equal(3, m.TaskCount);
        Assert.Equal(0.15, m[1, 2]);
        Assert.Equal(new[] { 0.60, 0.50, 0.85 }, m.Row(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => m[3, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Row(-1));
    }

    [Fact]
    public void IsImmutable_InputAndToArrayAreCopies()
    {
        double[][] rows = Sample.Select(r => (double[])r.Clone()).ToArray();
        var m = new AccuracyMatrix(rows);
        rows[0][0] = 0.0;
        double[][] copy = m.ToArray();
        copy[1][1] = 0.0;
        Assert.Equal(0.90, m[0, 0]);
        Assert.Equal(0.80, m[1, 1]);
        Assert.Throws<NotSupportedException>(() => ((IList<double>)m.Row(0))[0] = 0.0);
    }

    [Fact]
    public void Json_RoundTrips_AsRowsObject()
    {
        var m = new AccuracyMatrix(Sample);
        string json = JsonSerializer.Serialize(m);
        Assert.StartsWith("{\"rows\":[[0.9,0.1,0.2],", json);

        var back = JsonSerializer.Deserialize<AccuracyMatrix>(json);
        Assert.NotNull(back);
        Assert.Equal(Sample, back.ToArray());
    }

    [Fact]
    public void Json_RoundTrips_InsideAnotherObject()
    {
        var wrapper = new Wrapper("run-1", new AccuracyMatrix([[0.5]]));
        string json = JsonSerializer.Serialize(wrapper);
        var back = JsonSerializer.Deserialize<Wrapper>(json);
        Assert.NotNull(back);
        Assert.Equal("run-1", back.Name);
        Assert.Equal(0.5, back.Matrix[0, 0]);
    }

    [Fact]
    public void Json_InvalidValues_ThrowJsonExceptionWithLocation()
    {
        var ex = Assert.Throws<JsonException>(
            () => JsonSerializer.Deserialize<AccuracyMatrix>("{\"rows\":[[0.5,2.0],[0.1,0.2]]}"));
        Assert.Contains("row 0, column 1", ex.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AccuracyMatrix>("{\"other\":1}"));
    }

    [Fact]
    public void NonSquare_Throws_NamingRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AccuracyMatrix([[0.5, 0.5], [0.5]]));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("Row 1", ex.Message);
        Assert.Contains("square", ex.Message);
    }

    [Fact]
    public void ValueAboveOne_Throws_NamingCellAndRange()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AccuracyMatrix([[0.5, 1.5], [0.5, 0.5]]));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("row 0, column 1", ex.Message);
        Assert.Contains("1.5", ex.Message);
        Assert.Contains("[0, 1]", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.01)]
    public void NonFiniteOrNegative_Throws_NamingCell(double bad)
    {
        var ex = Assert.Throws<ArgumentException>(() => new AccuracyMatrix([[0.5, 0.5], [bad, 0.5]]));
        Assert.Contains("row 1, column 0", ex.Message);
        Assert.Contains("finite", ex.Message);
    }

    [Fact]
    public void Empty_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AccuracyMatrix([]));
        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("at least 1 task", ex.Message);
    }

    [Fact]
    public void NullRow_Throws_NamingRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AccuracyMatrix([[0.5, 0.5], null!]));
        Assert.Contains("Row 1", ex.Message);
    }

    private sealed record Wrapper(string Name, AccuracyMatrix Matrix);
}
