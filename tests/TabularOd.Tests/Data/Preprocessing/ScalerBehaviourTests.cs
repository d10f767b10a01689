using TabularOd.Data;
using TabularOd.Data.Preprocessing;

namespace TabularOd.Tests.Data.Preprocessing;

public class ScalerBehaviourTests
{
    public static TheoryData<string> ScalerNames() => ["standard", "robust", "minmax"];

    private static IScaler Create(string name) => name switch
    {
        "standard" => new StandardScaler(),
        "robust" => new RobustScaler(),
        _ => new MinMaxScaler(),
    };

    private static DataMatrix Sample() => DataMatrix.FromRowMajor(4, 3, [1, -2, 7, 2, -4, 7, 3, 0, 7, 10, 1, 7]);

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void NaNInTrainingDataIsRefused(string name)
    {
        var train = DataMatrix.FromRowMajor(2, 2, [1, 2, double.NaN, 4]);
        var error = Assert.Throws<ArgumentException>(() => Create(name).Fit(train));
        Assert.Contains("Row 1, column 0", error.Message);
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void InfinityInTrainingDataIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => Create(name).Fit(DataMatrix.FromRowMajor(1, 1, [double.NegativeInfinity])));
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void EmptyTrainingDataIsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => Create(name).Fit(new DataMatrix(0, 3)));
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void WidthMismatchNamesExpectedAndActualWidths(string name)
    {
        var fitted = Create(name).Fit(Sample());
        var error = Assert.Throws<ArgumentException>(() => fitted.Transform(new DataMatrix(2, 5)));
        Assert.Contains("fitted on 3 columns", error.Message);
        Assert.Contains("has 5", error.Message);
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void TransformReturnsANewMatrixAndLeavesTheInputAlone(string name)
    {
        var x = Sample();
        var before = x.AsSpan().ToArray();
        var fitted = Create(name).Fit(x);
        var result = fitted.Transform(x);
        Assert.NotSame(x, result);
        Assert.Equal(before, x.AsSpan().ToArray());
        Assert.NotEqual(before, result.AsSpan().ToArray());
    }

    [Theory]
    [MemberData(nameof(ScalerNames))]
    public void ConstantColumnIsCentredWithScaleOne(string name)
    {
        var fitted = Create(name).Fit(Sample());
        Assert.Equal(1.0, fitted.Scale[2]);
        Assert.Equal(7.0, fitted.Center[2]);
        var transformed = fitted.Transform(Sample());
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0.0, transformed[i, 2]));
    }

    [Fact]
    public void StandardScalerUsesThePopulationStandardDeviation()
    {
        var fitted = new StandardScaler().Fit(DataMatrix.FromRowMajor(4, 1, [2, 4, 4, 6]));
        Assert.Equal(4.0, fitted.Center[0]);
        Assert.Equal(Math.Sqrt(2.0), fitted.Scale[0], 15);
    }

    [Fact]
    public void RobustScalerUsesMedianAndInterquartileRange()
    {
        // numpy: median 3.5, percentile 25 → 2.25, 75 → 4.75 for 1..6.
        var fitted = new RobustScaler().Fit(DataMatrix.FromRowMajor(6, 1, [6, 1, 5, 2, 4, 3]));
        Assert.Equal(3.5, fitted.Center[0]);
        Assert.Equal(2.5, fitted.Scale[0]);
    }

    [Fact]
    public void MinMaxScalerMapsTheTrainingRangeOntoTheUnitInterval()
    {
        var fitted = new MinMaxScaler().Fit(Sample());
        var transformed = fitted.Transform(Sample());
        Assert.Equal([0.0, 1.0 / 9, 2.0 / 9, 1.0], Enumerable.Range(0, 4).Select(i => transformed[i, 0]));
        Assert.Equal(-1.0, fitted.Transform(DataMatrix.FromRowMajor(1, 3, [-8, 0, 0]))[0, 0]);
    }

    [Theory]
    [InlineData(75, 25)]
    [InlineData(-1, 50)]
    [InlineData(50, 101)]
    [InlineData(50, 50)]
    public void RobustScalerRefusesAnInvalidPercentileRange(double lower, double upper)
    {
        var scaler = new RobustScaler { LowerPercentile = lower, UpperPercentile = upper };
        Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Fit(Sample()));
    }

    [Fact]
    public void FittedScalerCreateCopiesAndValidates()
    {
        double[] center = [1, 2], scale = [2, 4];
        var fitted = FittedScaler.Create(center, scale);
        center[0] = 100;
        Assert.Equal([0.0, 0.0], fitted.Transform(DataMatrix.FromRowMajor(1, 2, [1, 2])).AsSpan().ToArray());
        Assert.Throws<ArgumentException>(() => FittedScaler.Create([1.0], [0.0]));
        Assert.Throws<ArgumentException>(() => FittedScaler.Create([double.NaN], [1.0]));
        Assert.Throws<ArgumentException>(() => FittedScaler.Create([1.0, 2.0], [1.0]));
    }

    [Fact]
    public void OneConfiguredScalerFitsIndependentlyOnDifferentData()
    {
        var scaler = new StandardScaler();
        var first = scaler.Fit(DataMatrix.FromRowMajor(2, 1, [0, 2]));
        var second = scaler.Fit(DataMatrix.FromRowMajor(2, 1, [10, 30]));
        Assert.Equal(1.0, first.Center[0]);
        Assert.Equal(20.0, second.Center[0]);
    }
}
