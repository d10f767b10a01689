using TabularOd.Data;

namespace TabularOd.Tests.Data;

public class MissingValuePolicyTests
{
    private static DataFile PairWithNaN()
    {
        var train = new Dataset("p", DataMatrix.FromRowMajor(3, 2, [1, 10, double.NaN, 30, 5, 20]), ["a", "b"], labels: [0, 0, 0]);
        var test = new Dataset("p", DataMatrix.FromRowMajor(2, 2, [double.NaN, 1, 2, double.NaN]), ["a", "b"], labels: [0, 1]);
        return DataFile.OfPair("p.npz", new TrainTestPair(train, test));
    }

    [Fact]
    public void NaNIsRefusedByDefaultNamingRowAndColumn()
    {
        var error = Assert.Throws<DataFileException>(() => MissingValueCheck.Apply(PairWithNaN(), MissingValuePolicy.Error));
        Assert.Equal("p.npz: train row 1, column 'a' holds a missing value (NaN); pass --impute median to fill missing values with the training medians.", error.Message);
    }

    [Fact]
    public void MedianImputationUsesTrainingMediansForBothParts()
    {
        var pair = MissingValueCheck.Apply(PairWithNaN(), MissingValuePolicy.ImputeMedian).Pair!;
        // Training medians: a → median(1, 5) = 3, b → median(10, 30, 20) = 20.
        Assert.Equal([1.0, 10, 3, 30, 5, 20], pair.Train.Features.AsSpan().ToArray());
        Assert.Equal([3.0, 1, 2, 20], pair.Test.Features.AsSpan().ToArray());
    }

    [Fact]
    public void InfinityIsRefusedEvenWhenImputing()
    {
        var table = new Dataset("t", DataMatrix.FromRowMajor(1, 2, [1, double.NegativeInfinity]));
        var error = Assert.Throws<DataFileException>(() => MissingValueCheck.Apply(DataFile.OfTable("t.csv", table), MissingValuePolicy.ImputeMedian));
        Assert.StartsWith("t.csv: row 0, column 'x1' holds an infinite value", error.Message);
    }
}
