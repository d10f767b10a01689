using TabularOd.Data;

namespace TabularOd.Tests.Data.Npy;

public class ArrayConversionsTests
{
    [Fact]
    public void ColumnMajorToRowMajorMatchesTheDefinitionForEveryShapeUpTo70()
    {
        foreach (int rows in new[] { 0, 1, 2, 31, 32, 33, 70 })
        {
            for (int columns = 0; columns <= 70; columns++)
            {
                var source = new double[rows * columns];
                for (int k = 0; k < source.Length; k++)
                {
                    source[k] = k;
                }
                var expected = new double[source.Length];
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < columns; j++)
                    {
                        expected[(i * columns) + j] = source[(j * rows) + i];
                    }
                }
                Assert.Equal(expected, ArrayConversions.ColumnMajorToRowMajor(source, rows, columns));
            }
        }
    }

    [Fact]
    public void LabelsMustBeZeroOrOne()
    {
        Assert.Equal([0, 1, 1, 0], ArrayConversions.ToLabels([0, 1, 1, -0.0], "f", "array 'y'"));
        var error = Assert.Throws<DataFileException>(() => ArrayConversions.ToLabels([0, 1, 0.5], "f", "array 'y'"));
        Assert.Equal("f: array 'y' holds 0.5 at position 2; labels must be 0 (inlier) or 1 (outlier).", error.Message);
        Assert.Throws<DataFileException>(() => ArrayConversions.ToLabels([double.NaN], "f", "array 'y'"));
    }

    [Fact]
    public void IntegersMustBeWholeAndInRange()
    {
        Assert.Equal([0L, -3, 1L << 53], ArrayConversions.ToIntegers([0, -3, 9007199254740992.0], "f", "g"));
        Assert.Throws<DataFileException>(() => ArrayConversions.ToIntegers([1.5], "f", "g"));
        Assert.Throws<DataFileException>(() => ArrayConversions.ToIntegers([double.NaN], "f", "g"));
        Assert.Throws<DataFileException>(() => ArrayConversions.ToIntegers([9.3e18], "f", "g"));
    }
}
