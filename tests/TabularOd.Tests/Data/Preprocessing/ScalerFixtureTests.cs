using TabularOd.Data.Preprocessing;
using static TabularOd.Tests.Data.Preprocessing.PreprocessingFixtures;

namespace TabularOd.Tests.Data.Preprocessing;

/// <summary>Each scaler against scikit-learn on the committed fixtures (constant columns, ties, negative values, tiny n).</summary>
public class ScalerFixtureTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in Names("scalers_"))
        {
            foreach (string scaler in new[] { "standard", "robust", "robust_10_90", "minmax" })
            {
                data.Add(name, scaler);
            }
        }
        return data;
    }

    private static IScaler Create(string scaler) => scaler switch
    {
        "standard" => new StandardScaler(),
        "robust" => new RobustScaler(),
        "robust_10_90" => new RobustScaler { LowerPercentile = 10, UpperPercentile = 90 },
        "minmax" => new MinMaxScaler(),
        _ => throw new ArgumentOutOfRangeException(nameof(scaler)),
    };

    [Fact]
    public void FixturesArePresent()
    {
        Assert.True(Names("scalers_").Count() >= 6, $"expected scaler fixtures in {Folder}; run benchmarks/peers/make_scaler_fixtures.py");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string name, string scaler)
    {
        var fixture = Load(name);
        var expected = fixture.GetProperty(scaler);
        var train = Matrix(fixture.GetProperty("train"));
        var test = Matrix(fixture.GetProperty("test"));

        var fitted = Create(scaler).Fit(train);

        AssertClose(Vector(expected.GetProperty("center")), fitted.Center, Tolerance, "center");
        AssertClose(Vector(expected.GetProperty("scale")), fitted.Scale, Tolerance, "scale");
        AssertClose(Matrix(expected.GetProperty("train_transformed")), fitted.Transform(train), Tolerance, "train");
        AssertClose(Matrix(expected.GetProperty("test_transformed")), fitted.Transform(test), Tolerance, "test");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConstantColumnsGetScaleExactlyOne(string name, string scaler)
    {
        var expected = Vector(Load(name).GetProperty(scaler).GetProperty("scale"));
        var fitted = Create(scaler).Fit(Matrix(Load(name).GetProperty("train")));
        for (int j = 0; j < expected.Length; j++)
        {
            if (expected[j] == 1.0)
            {
                Assert.Equal(1.0, fitted.Scale[j]);
            }
        }
    }
}
