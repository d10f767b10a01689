using TabularOd.Data;

namespace TabularOd.Tests.Data;

public class DataMatrixTests
{
    private static DataMatrix Sample() => DataMatrix.FromRowMajor(3, 2, [1, 2, 3, 4, 5, 6]);

    [Fact]
    public void RowsAreContiguousViewsThatWriteThrough()
    {
        var m = Sample();
        Assert.Equal([3.0, 4.0], m.Row(1).ToArray());
        m.Row(1)[0] = 30;
        Assert.Equal(30, m[1, 0]);
    }

    [Fact]
    public void ColumnsAreStridedViews()
    {
        var m = Sample();
        var column = m.Column(1);
        Assert.Equal(3, column.Count);
        Assert.Equal([2.0, 4.0, 6.0], column.ToArray());
        Assert.Equal(6, column[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => column[3]);
    }

    [Fact]
    public void SelectRowsAndColumnsCopyInTheGivenOrder()
    {
        var m = Sample();
        Assert.Equal(new double[,] { { 5, 6 }, { 1, 2 } }, m.SelectRows([2, 0]).ToArray());
        Assert.Equal(new double[,] { { 2, 1 }, { 4, 3 }, { 6, 5 } }, m.SelectColumns([1, 0]).ToArray());
        var copy = m.SelectRows([0]);
        copy[0, 0] = 99;
        Assert.Equal(1, m[0, 0]);
    }

    [Fact]
    public void FromArrayAndToArrayRoundTrip()
    {
        var values = new double[,] { { 1.5, -2 }, { 0, double.Epsilon } };
        Assert.Equal(values, DataMatrix.FromArray(values).ToArray());
    }

    [Fact]
    public void EmptyShapesAreAllowed()
    {
        var m = new DataMatrix(0, 4);
        Assert.Equal(0, m.Rows);
        Assert.Equal(4, m.Columns);
        Assert.Equal(0, m.Column(3).Count);
        Assert.Equal(0, new DataMatrix(5, 0).AsSpan().Length);
    }

    [Fact]
    public void WrongBufferLengthAndIndicesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DataMatrix.FromRowMajor(2, 2, [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataMatrix(-1, 2));
        var m = Sample();
        Assert.Throws<ArgumentOutOfRangeException>(() => m[3, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m[0, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.Row(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SelectColumns([2]));
    }

    [Fact]
    public void TryFindNonFiniteReportsTheFirstPosition()
    {
        var m = DataMatrix.FromRowMajor(2, 3, [1, 2, 3, 4, double.PositiveInfinity, double.NaN]);
        Assert.True(m.TryFindNonFinite(out int row, out int column));
        Assert.Equal((1, 1), (row, column));
        Assert.False(Sample().TryFindNonFinite(out _, out _));
    }
}
