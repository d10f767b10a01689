using TabularOd.Data;

namespace TabularOd.Cli.Commands;

/// <summary>
/// The --train/--test inputs of the commands that fit on one set and look at another: one MacrOData file holding
/// both, or two tables with the same features.
/// </summary>
internal static class PairInput
{
    /// <summary>The pair from <paramref name="trainPath"/> alone, or from it and <paramref name="testPath"/>; a mismatch is a usage or data error naming the file.</summary>
    public static TrainTestPair Load(string trainPath, string? testPath, DataReadOptions options)
    {
        var trainFile = DataReader.Read(trainPath, options);
        if (testPath is null)
        {
            return trainFile.Pair ?? throw new UsageException(
                $"{trainPath} holds one table; pass --test FILE, or make a MacrOData pair first with 'tabod data split'.");
        }
        if (trainFile.Pair is not null)
        {
            throw new UsageException($"{trainPath} already holds train and test; drop --test or pass a table.");
        }
        var testFile = DataReader.Read(testPath, options);
        var testTable = testFile.Table ?? throw new UsageException($"{testPath} holds a train/test pair; pass a table as --test.");
        if (testTable.Columns != trainFile.Table!.Columns)
        {
            throw new DataFileException(testPath, $"has {testTable.Columns} features but {trainPath} has {trainFile.Table.Columns}; they must match.");
        }
        return new TrainTestPair(trainFile.Table, testTable);
    }
}
