using TabularOd.Data;
using TabularOd.Detectors;
using TabularOd.Evaluation;

namespace TabularOd.Tests.Detectors.Conformance;

/// <summary>
/// The checks every detector in the catalog must pass, in the spirit of scikit-learn's estimator checks:
/// shapes, finiteness, determinism, order and batch invariance, input errors, edge shapes, contamination,
/// and save/load round trips.
/// </summary>
public class DetectorConformanceTests
{
    public static TheoryData<string> Detectors() => new(DetectorCatalog.All.Select(d => d.Name));

    private static IOutlierDetector Make(string name, params (string Key, string Value)[] settings) =>
        DetectorCatalog.Get(name).CreateFrom(settings.ToDictionary(s => s.Key, s => s.Value));

    [Theory]
    [MemberData(nameof(Detectors))]
    public void ScoresHaveOneFiniteValuePerRowAndRankOutliersHigher(string name)
    {
        var model = Make(name).Fit(ConformanceData.Inliers());
        var (rows, labels) = ConformanceData.TestSet();

        var scores = model.Score(rows);

        Assert.Equal(80, model.TrainingScores.Length);
        Assert.Equal(rows.Rows, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.All(model.TrainingScores.ToArray(), s => Assert.True(double.IsFinite(s)));
        Assert.True(OutlierMetrics.Auroc(labels, scores) > 0.9, $"{name} should find far-away rows easily.");
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void TheSameSeedGivesTheSameBits(string name)
    {
        var train = ConformanceData.Inliers();
        var (rows, _) = ConformanceData.TestSet();
        var a = Make(name, ("seed", "7")).Fit(train);
        var b = Make(name, ("seed", "7")).Fit(train);

        Assert.Equal(a.TrainingScores.ToArray(), b.TrainingScores.ToArray());
        Assert.Equal(a.Score(rows), b.Score(rows));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void FittedScoresDoNotDependOnRowOrder(string name)
    {
        if (!DetectorCatalog.Get(name).Deterministic)
        {
            return; // A seeded random detector draws by row position; its order check is statistical (in its own tests).
        }
        var train = ConformanceData.Inliers();
        int[] order = ConformanceData.Permutation(train.Rows, 3);
        var (rows, _) = ConformanceData.TestSet();

        var plain = Make(name).Fit(train);
        var shuffled = Make(name).Fit(ConformanceData.Permute(train, order));

        var expected = order.Select(i => plain.TrainingScores[i]).ToArray();
        AssertClose(expected, shuffled.TrainingScores.ToArray(), 1e-9);
        AssertClose(plain.Score(rows), shuffled.Score(rows), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void ScoringInBatchesGivesTheSameBits(string name)
    {
        if (!DetectorCatalog.Get(name).Inductive)
        {
            return; // Transductive scoring depends on the batch by definition.
        }
        var model = Make(name).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();

        var whole = model.Score(rows);
        var oneByOne = Enumerable.Range(0, rows.Rows).Select(i => model.Score(rows.SelectRows([i]))[0]).ToArray();
        var halves = model.Score(rows.SelectRows(Enumerable.Range(0, 17).ToArray()))
            .Concat(model.Score(rows.SelectRows(Enumerable.Range(17, rows.Rows - 17).ToArray()))).ToArray();

        Assert.Equal(whole, oneByOne);
        Assert.Equal(whole, halves);
        Assert.Empty(model.Score(new DataMatrix(0, rows.Columns)));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void ScoringRowsOfAnotherWidthIsRefused(string name)
    {
        var model = Make(name).Fit(ConformanceData.Inliers(d: 4));
        var error = Assert.Throws<ArgumentException>(() => model.Score(ConformanceData.Inliers(5, d: 3)));
        Assert.Contains("4 features", error.Message);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void NonFiniteOrEmptyTrainingDataIsRefused(string name)
    {
        var detector = Make(name);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            var train = ConformanceData.Inliers();
            train[3, 1] = bad;
            var error = Assert.Throws<ArgumentException>(() => detector.Fit(train));
            Assert.Contains("row 3, column 1", error.Message);
        }
        Assert.Throws<ArgumentException>(() => detector.Fit(new DataMatrix(0, 3)));
        Assert.Throws<ArgumentException>(() => detector.Fit(new DataMatrix(5, 0)));

        var model = detector.Fit(ConformanceData.Inliers());
        var rows = ConformanceData.Inliers(3);
        rows[1, 2] = double.NaN;
        Assert.Throws<ArgumentException>(() => model.Score(rows));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void EdgeShapesGiveFiniteScores(string name)
    {
        var oneColumn = ConformanceData.Inliers(40, d: 1);
        var duplicated = ConformanceData.Inliers(20).SelectRows([.. Enumerable.Range(0, 20), .. Enumerable.Range(0, 20), .. Enumerable.Range(0, 20)]);
        var constant = ConformanceData.Inliers(40, d: 3);
        for (int i = 0; i < constant.Rows; i++)
        {
            constant[i, 1] = 5;
        }
        var oneRow = ConformanceData.Inliers(1);

        foreach (var train in new[] { oneColumn, duplicated, constant, oneRow })
        {
            var model = Make(name).Fit(train);
            var probe = ConformanceData.Inliers(6, d: train.Columns, seed: 9);
            Assert.All(model.TrainingScores.ToArray(), s => Assert.True(double.IsFinite(s), $"{name}: non-finite training score on a {train.Rows}×{train.Columns} edge case."));
            Assert.All(model.Score(probe), s => Assert.True(double.IsFinite(s), $"{name}: non-finite score on a {train.Rows}×{train.Columns} edge case."));
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void ContaminationSetsHowManyTrainingRowsAreLabelledOutliers(string name)
    {
        foreach (double contamination in new[] { 0.05, 0.1, 0.25 })
        {
            var model = Make(name, ("contamination", contamination.ToString(System.Globalization.CultureInfo.InvariantCulture))).Fit(ConformanceData.Inliers());
            int flagged = model.TrainingLabels.Sum();
            int distinct = model.TrainingScores.ToArray().Distinct().Count();
            // Labels are scores strictly above the (1 − c) percentile: about c·n rows, fewer when scores tie at the cut.
            Assert.InRange(flagged, distinct == 80 ? (int)Math.Floor(contamination * 80) - 1 : 0, (int)Math.Ceiling(contamination * 80) + 1);
            Assert.Equal(model.Label(model.Score(ConformanceData.Inliers())), model.Predict(ConformanceData.Inliers()));
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void ProbabilitiesLieInTheUnitInterval(string name)
    {
        var model = Make(name).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        foreach (var method in Enum.GetValues<ProbabilityMethod>())
        {
            Assert.All(model.PredictProbability(rows, method), p => Assert.InRange(p, 0, 1));
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void SavedAndLoadedModelsScoreIdentically(string name)
    {
        var model = Make(name, ("contamination", "0.2"), ("seed", "3")).Fit(ConformanceData.Inliers());
        var (rows, _) = ConformanceData.TestSet();
        using var stream = new MemoryStream();

        model.Save(stream);
        stream.Position = 0;
        var loaded = TabularOd.Detectors.Persistence.ModelFile.Read(stream);

        Assert.Equal(model.DetectorName, loaded.DetectorName);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Threshold, loaded.Threshold);
        Assert.Equal(model.TrainingScores.ToArray(), loaded.TrainingScores.ToArray());
        Assert.Equal(model.Score(rows), loaded.Score(rows));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void BadOptionsAreRefusedInTheProjectFormat(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Make(name, ("contamination", "0.7")).Fit(ConformanceData.Inliers()));
        Assert.Matches(@"^The 'Contamination' parameter of \w+ must be in \(0, 0\.5\]\. Got 0\.7\.", error.Message);

        var unknown = Assert.Throws<ArgumentException>(() => Make(name, ("no_such_parameter", "1")));
        Assert.Contains("no_such_parameter", unknown.Message);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void TheCatalogEntryDocumentsEveryParameter(string name)
    {
        var descriptor = DetectorCatalog.Get(name);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Summary));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Citation));
        Assert.Contains(descriptor.Parameters, p => p.Name == "contamination");
        Assert.All(descriptor.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        // Every documented parameter is accepted by name.
        foreach (var parameter in descriptor.Parameters.Where(p => p.Default.Length > 0))
        {
            Make(name, (parameter.Name, parameter.Default));
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"index {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
