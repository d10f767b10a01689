using TabularOd.Detectors;
using TabularOd.Detectors.Neural;
using TabularOd.Detectors.Persistence;
using TabularOd.Tests.Detectors.Conformance;

namespace TabularOd.Tests.Detectors.Neural;

/// <summary>
/// <see cref="FittedAutoencoder.WithMeanShiftScoring"/> switches mean-shift scoring on the trained networks; it must
/// give exactly what fitting the detector again with only <c>mss</c> changed (same seed) gives.
/// </summary>
public class MeanShiftToggleTests
{
    public static TheoryData<string, int> Detectors => new() { { "ae", 1 }, { "ae", 2 }, { "pae", 1 }, { "pae", 2 } };

    private static IOutlierDetector Detector(string name, int seeds, bool mss) => name == "ae"
        ? new AutoencoderDetector(new AutoencoderOptions
        {
            Epochs = 40, Seeds = seeds, Seed = 7, MeanShiftScoring = mss, MeanShiftNeighbours = 6, MeanShiftIterations = 2,
        })
        : new ProbabilisticAutoencoderDetector(new ProbabilisticAutoencoderOptions
        {
            Epochs = 40, Seeds = seeds, Seed = 7, MeanShiftScoring = mss, MeanShiftNeighbours = 6, MeanShiftIterations = 2,
        });

    [Theory]
    [MemberData(nameof(Detectors))]
    public void SwitchingOnEqualsFittingWithMss(string name, int seeds)
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var plain = Assert.IsType<FittedAutoencoder>(Detector(name, seeds, mss: false).Fit(train));
        var expected = Detector(name, seeds, mss: true).Fit(train);

        var switched = plain.WithMeanShiftScoring(train, meanShiftScoring: true);

        Assert.Equal(expected.Options, switched.Options);
        Assert.Equal(expected.TrainingScores.ToArray(), switched.TrainingScores.ToArray());
        Assert.Equal(expected.Threshold, switched.Threshold);
        Assert.Equal(expected.Score(rows), switched.Score(rows));
        Assert.NotEqual(plain.Score(rows), switched.Score(rows));
        // The original keeps scoring without the shift.
        Assert.Equal(Detector(name, seeds, mss: false).Fit(train).Score(rows), plain.Score(rows));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void SwitchingOffEqualsFittingWithoutMss(string name, int seeds)
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var shifted = Assert.IsType<FittedAutoencoder>(Detector(name, seeds, mss: true).Fit(train));
        var expected = Detector(name, seeds, mss: false).Fit(train);

        var switched = shifted.WithMeanShiftScoring(train, meanShiftScoring: false);

        Assert.Equal(expected.Options, switched.Options);
        Assert.Equal(expected.TrainingScores.ToArray(), switched.TrainingScores.ToArray());
        Assert.Equal(expected.Score(rows), switched.Score(rows));
    }

    [Theory]
    [InlineData("ae", 3, 1)]
    [InlineData("pae", 12, 3)]
    public void OtherNeighboursAndIterationsEqualFittingWithThem(string name, int k, int m)
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var plain = Assert.IsType<FittedAutoencoder>(Detector(name, 2, mss: false).Fit(train));
        IOutlierDetector refit = name == "ae"
            ? new AutoencoderDetector(new AutoencoderOptions
            {
                Epochs = 40, Seeds = 2, Seed = 7, MeanShiftScoring = true, MeanShiftNeighbours = k, MeanShiftIterations = m,
            })
            : new ProbabilisticAutoencoderDetector(new ProbabilisticAutoencoderOptions
            {
                Epochs = 40, Seeds = 2, Seed = 7, MeanShiftScoring = true, MeanShiftNeighbours = k, MeanShiftIterations = m,
            });
        var expected = refit.Fit(train);

        var switched = plain.WithMeanShiftScoring(train, k, m);

        Assert.Equal(expected.Options, switched.Options);
        Assert.Equal(expected.TrainingScores.ToArray(), switched.TrainingScores.ToArray());
        Assert.Equal(expected.Score(rows), switched.Score(rows));
        // k = 6, m = 2 (the detectors' options here) scores differently.
        Assert.NotEqual(plain.WithMeanShiftScoring(train, true).Score(rows), switched.Score(rows));
        Assert.Throws<ArgumentException>(() => plain.WithMeanShiftScoring(train, k, 4));
        Assert.Throws<ArgumentException>(() => plain.WithMeanShiftScoring(train, 0, m));
    }

    [Fact]
    public void TheSwitchedModelSavesAndLoads()
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var switched = Assert.IsType<FittedAutoencoder>(Detector("pae", 2, mss: false).Fit(train)).WithMeanShiftScoring(train, true);

        using var stream = new MemoryStream();
        switched.Save(stream);
        stream.Position = 0;
        var loaded = ModelFile.Read(stream);

        Assert.Equal(switched.Options, loaded.Options);
        Assert.Equal(switched.Score(rows), loaded.Score(rows));
    }

    [Fact]
    public void OtherRowsThanTheTrainingRowsAreRefused()
    {
        var train = ConformanceData.Inliers();
        var fitted = Assert.IsType<FittedAutoencoder>(Detector("ae", 1, mss: false).Fit(train));

        Assert.Throws<ArgumentException>(() => fitted.WithMeanShiftScoring(ConformanceData.Inliers(seed: 3), true));
        Assert.Throws<ArgumentException>(() => fitted.WithMeanShiftScoring(ConformanceData.Inliers(d: 5), true));
    }
}
