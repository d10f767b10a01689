using System.Text;
using System.Text.Json;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors;
using TabularOd.Detectors.Ensembles;
using TabularOd.Detectors.Persistence;
using TabularOd.Evaluation;
using TabularOd.Sampling;
using TabularOd.Tests.Support;

namespace TabularOd.Tests.Detectors;

public class IsolationForestTests
{
    private const double EulerGamma = 0.5772156649015329;

    [Fact]
    public void AveragePathLengthFollowsTheScikitLearnFormula()
    {
        Assert.Equal(0.0, AveragePathLength.Of(0));
        Assert.Equal(0.0, AveragePathLength.Of(1));
        Assert.Equal(1.0, AveragePathLength.Of(2));
        Assert.Equal((2 * (Math.Log(2) + EulerGamma)) - (4.0 / 3), AveragePathLength.Of(3), 15);
        double c256 = (2 * (Math.Log(255) + EulerGamma)) - (2.0 * 255 / 256);
        Assert.Equal(c256, AveragePathLength.Of(256), 14);
        Assert.Equal(10.2448, AveragePathLength.Of(256), 4);
    }

    [Fact]
    public void AveragePathLengthApproachesTheExactHarmonicForm()
    {
        // c(n) = 2H(n − 1) − 2(n − 1)/n with H(i) = ln i + γ + 1/(2i) − …; the 1/(2i) term is what sklearn drops.
        foreach (int n in new[] { 100, 1000, 10000 })
        {
            double harmonic = 0;
            for (int i = 1; i < n; i++)
            {
                harmonic += 1.0 / i;
            }
            double exact = (2 * harmonic) - (2.0 * (n - 1) / n);
            Assert.InRange(exact - AveragePathLength.Of(n), 0, 1.01 / (n - 1));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(255, 8)]
    [InlineData(256, 8)]
    [InlineData(257, 9)]
    public void TheDepthLimitIsTheCeilingOfLog2(int subsample, int limit) =>
        Assert.Equal(limit, IsolationForestModel.DepthLimit(subsample));

    [Theory]
    [InlineData(256, 8)]
    [InlineData(10, 4)]
    [InlineData(2, 1)]
    public void TreesGrowToTheDepthLimitAndNoFurther(int maxSamples, int limit)
    {
        var train = Gaussian(1000, 4, seed: 5);
        var forest = IsolationForestModel.Grow(train, new IsolationForestOptions { MaxSamples = maxSamples, NEstimators = 20 }, 2);

        Assert.Equal(Math.Min(maxSamples, 1000), forest.SubsampleSize);
        Assert.Equal(limit, forest.MaxDepth);
        // With distinct continuous values some branch always reaches the limit.
        Assert.Equal(limit, forest.DeepestLeaf());
    }

    [Fact]
    public void TheSameSeedGivesTheSameBitsWhateverTheThreadCount()
    {
        var train = Gaussian(700, 5, seed: 1);
        var rows = Gaussian(300, 5, seed: 2);
        var variants = new[]
        {
            new IsolationForestOptions { Seed = 11 },
            new IsolationForestOptions { Seed = 11, MaxSamples = 100, MaxFeatures = 0.5 },
            new IsolationForestOptions { Seed = 11, Bootstrap = true, NEstimators = 37 },
        };
        foreach (var options in variants)
        {
            var fits = new[] { 1, 2, 3, 8 }
                .Select(degree => new IsolationForestDetector(options) { DegreeOfParallelism = degree }.Fit(train))
                .ToArray();
            foreach (var fit in fits.Skip(1))
            {
                Assert.Equal(fits[0].TrainingScores.ToArray(), fit.TrainingScores.ToArray());
                Assert.Equal(fits[0].Score(rows), fit.Score(rows));
            }
        }

        var other = new IsolationForestDetector(variants[0] with { Seed = 12 }).Fit(train);
        Assert.NotEqual(new IsolationForestDetector(variants[0]).Fit(train).Score(rows), other.Score(rows));
    }

    [Fact]
    public void TrainingRowOrderDoesNotMatterWhenEveryTreeHoldsEveryRow()
    {
        // ψ = n: each tree sees the same set of rows and draws the same stream, so the trees are identical.
        var train = Gaussian(120, 3, seed: 3);
        var order = Enumerable.Range(0, train.Rows).Reverse().ToArray();
        new SeededRandom(4).Shuffle(order.AsSpan());
        var rows = Gaussian(50, 3, seed: 4);

        var plain = new IsolationForestDetector().Fit(train);
        var shuffled = new IsolationForestDetector().Fit(train.SelectRows(order));

        Assert.Equal(order.Select(i => plain.TrainingScores[i]).ToArray(), shuffled.TrainingScores.ToArray());
        Assert.Equal(plain.Score(rows), shuffled.Score(rows));
    }

    [Fact]
    public void AnObviousOutlierScoresAboveTheCluster()
    {
        var model = new IsolationForestDetector().Fit(Gaussian(500, 3, seed: 6));
        var cluster = Gaussian(200, 3, seed: 7);
        var outlier = DataMatrix.FromArray(new double[,] { { 8, -8, 8 } });

        double outlierScore = model.Score(outlier)[0];
        var clusterScores = model.Score(cluster);

        Assert.True(outlierScore > clusterScores.Max(), $"outlier {outlierScore} vs cluster max {clusterScores.Max()}");
        Assert.True(outlierScore > 0.7, $"outlier score {outlierScore}");
        Assert.InRange(clusterScores.Average(), 0.35, 0.5);
    }

    [Fact]
    public void ScoresLieStrictlyBetweenZeroAndOne()
    {
        var train = Gaussian(400, 6, seed: 8);
        var model = new IsolationForestDetector(new IsolationForestOptions { NEstimators = 50 }).Fit(train);
        var far = Gaussian(100, 6, seed: 9);
        for (int i = 0; i < far.Rows; i++)
        {
            for (int j = 0; j < far.Columns; j++)
            {
                far[i, j] *= 1000;
            }
        }

        Assert.All(model.TrainingScores.ToArray(), s => Assert.True(s > 0 && s < 1, $"{s}"));
        Assert.All(model.Score(far), s => Assert.True(s > 0 && s < 1, $"{s}"));
    }

    [Fact]
    public void OneRowOrConstantTrainingDataScoresOneHalfEverywhere()
    {
        // scikit-learn: one row gives c(ψ) = 0 and E[h]/c(ψ) is set to 1; constant rows never split, so h = c(ψ).
        var probe = Gaussian(10, 3, seed: 10);
        var oneRow = new IsolationForestDetector().Fit(Gaussian(1, 3, seed: 11));
        var constant = new IsolationForestDetector().Fit(new DataMatrix(40, 3));

        foreach (var model in new[] { oneRow, constant })
        {
            Assert.All(model.TrainingScores.ToArray(), s => Assert.Equal(0.5, s, 12));
            Assert.All(model.Score(probe), s => Assert.Equal(0.5, s, 12));
        }
    }

    [Fact]
    public void ExtremeButFiniteValuesGiveFiniteThresholdsAndScores()
    {
        Assert.Equal(0.0, IsolationTree.Threshold(-double.MaxValue, double.MaxValue, 0.5));
        Assert.Equal(1.0, IsolationTree.Threshold(1.0, Math.BitIncrement(1.0), 1 - Math.Pow(2, -53)));
        Assert.Equal(2.5, IsolationTree.Threshold(2.0, 3.0, 0.5));

        var train = DataMatrix.FromArray(new double[,] { { -1e308, 1 }, { 1e308, 2 }, { 0, 3 }, { 5e307, 4 } });
        var model = new IsolationForestDetector().Fit(train);
        Assert.All(model.Score(train), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void BadOptionsAreRefusedInTheProjectFormat()
    {
        var train = Gaussian(20, 2, seed: 12);
        Assert.Equal(
            "The 'NEstimators' parameter of IsolationForestDetector must be ≥ 1. Got 0.",
            Assert.Throws<ArgumentException>(() => new IsolationForestDetector(new() { NEstimators = 0 }).Fit(train)).Message);
        Assert.StartsWith(
            "The 'MaxSamples' parameter of IsolationForestDetector must be ≥ 1. Got -3.",
            Assert.Throws<ArgumentException>(() => new IsolationForestDetector(new() { MaxSamples = -3 }).Fit(train)).Message);
        Assert.StartsWith(
            "The 'MaxFeatures' parameter of IsolationForestDetector must be in (0, 1]. Got 1.5.",
            Assert.Throws<ArgumentException>(() => new IsolationForestDetector(new() { MaxFeatures = 1.5 }).Fit(train)).Message);
    }

    [Fact]
    public void CatalogSettingsReachTheOptions()
    {
        var detector = DetectorCatalog.Get("iforest").CreateFrom(new Dictionary<string, string>
        {
            ["n_estimators"] = "7",
            ["max_samples"] = "64",
            ["max_features"] = "0.5",
            ["bootstrap"] = "true",
            ["seed"] = "4",
        });
        Assert.Equal(
            new IsolationForestOptions { NEstimators = 7, MaxSamples = 64, MaxFeatures = 0.5, Bootstrap = true, Seed = 4 },
            detector.Options);
    }

    [Fact]
    public void ADamagedForestIsRefusedOnLoad()
    {
        // One tree of three nodes whose root points at itself: scoring it would never reach a leaf.
        using var stream = new MemoryStream();
        using (var binary = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            var writer = new ModelWriter(binary);
            writer.Write(2);
            writer.Write(1);
            writer.Write(new[] { 0 });
            writer.Write(new[] { 0, -1, -1 });
            writer.Write(new[] { 0, 0, 0 });
            writer.Write(new[] { 0.5, 1.0, 1.0 });
        }
        stream.Position = 0;
        using var binaryReader = new BinaryReader(stream);

        var error = Assert.Throws<InvalidDataException>(() => IsolationForestModel.Read(new ModelReader(binaryReader), features: 1, expectedTrees: 1));
        Assert.Contains("node 0 of tree 0", error.Message);
    }

    [Fact]
    public void AurocOnCardioIsCloseToScikitLearns()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "iforest", "cardio_split.json")));
        var root = fixture.RootElement;
        var table = DataReader.Read(Path.Combine(TestPaths.RepositoryRoot, root.GetProperty("dataset").GetString()!)).Table!;
        int[] trainRows = Indices(root.GetProperty("train_indices"));
        int[] testRows = Indices(root.GetProperty("test_indices"));
        var scaler = new StandardScaler().Fit(table.Features.SelectRows(trainRows));
        var train = scaler.Transform(table.Features.SelectRows(trainRows));
        var test = scaler.Transform(table.Features.SelectRows(testRows));
        int[] labels = testRows.Select(i => table.Labels![i]).ToArray();

        double ours = OutlierMetrics.Auroc(labels, new IsolationForestDetector().Fit(train).Score(test))!.Value;
        double theirs = root.GetProperty("sklearn_auroc").GetDouble();
        Assert.True(Math.Abs(ours - theirs) <= 0.03, $"AUROC ours {ours:F4} vs scikit-learn {theirs:F4}");

        // Over ten seeds each, the means should agree more closely than two single draws.
        double ourMean = Enumerable.Range(0, 10)
            .Average(seed => OutlierMetrics.Auroc(labels, new IsolationForestDetector(new() { Seed = seed }).Fit(train).Score(test))!.Value);
        double theirMean = root.GetProperty("sklearn_auroc_seeds_0_to_9").EnumerateArray().Average(e => e.GetDouble());
        Assert.True(Math.Abs(ourMean - theirMean) <= 0.015, $"mean AUROC ours {ourMean:F4} vs scikit-learn {theirMean:F4}");
    }

    private static int[] Indices(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static DataMatrix Gaussian(int n, int d, long seed)
    {
        var random = new SeededRandom(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
        return DataMatrix.FromRowMajor(n, d, values);
    }
}
