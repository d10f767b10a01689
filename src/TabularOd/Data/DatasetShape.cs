namespace TabularOd.Data;

/// <summary>
/// The size of a dataset file without its values: training rows, test rows and features. For a single labelled
/// table (ADBench <c>X</c>, <c>y</c>; CSV; MAT) the rows are all in <see cref="TestRows"/> until it is split.
/// </summary>
public sealed record DatasetShape(int TrainRows, int TestRows, int Features)
{
    /// <summary>All rows, train and test together.</summary>
    public int Rows => TrainRows + TestRows;

    /// <summary>
    /// Reads the shape of a data file. For <c>.npz</c> only the array headers are read, which makes sizing a suite of
    /// thousands of files cheap; other formats are read in full. Failures are <see cref="DataFileException"/>s.
    /// </summary>
    public static DatasetShape Peek(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFileException(path, "file not found.");
        }
        if (string.Equals(Path.GetExtension(path), ".npz", StringComparison.OrdinalIgnoreCase))
        {
            var shapes = ReadGuard.Run(path, () => NpzArchive.ReadShapes(path));
            if (shapes.TryGetValue("train", out long[]? train) && shapes.TryGetValue("test", out long[]? test))
            {
                return new DatasetShape(Length(train, 0), Length(test, 0), Length(train, 1));
            }
            if (shapes.TryGetValue("X", out long[]? x))
            {
                return new DatasetShape(0, Length(x, 0), Length(x, 1));
            }
        }
        var data = DataReader.Read(path);
        return data.Pair is { } pair
            ? new DatasetShape(pair.Train.Rows, pair.Test.Rows, pair.Train.Columns)
            : new DatasetShape(0, data.Table!.Rows, data.Table.Columns);
    }

    // A 1-D array is one column; sizes beyond int range cannot be loaded anyway.
    private static int Length(long[] shape, int axis) =>
        axis < shape.Length ? (int)Math.Min(shape[axis], int.MaxValue) : 1;
}
