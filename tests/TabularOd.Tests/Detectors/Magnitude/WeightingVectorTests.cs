using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Data.Preprocessing;
using TabularOd.Detectors.Magnitude;
using TabularOd.Sampling;
using TabularOd.Tests.Detectors.Conformance;
using Xunit.Abstractions;
using static TabularOd.Tests.Detectors.Magnitude.WeightingVectorReferenceTests;

namespace TabularOd.Tests.Detectors.Magnitude;

/// <summary>The exact weighting vector, its new-point weights, its approximation and the scale search, on every backend.</summary>
public class WeightingVectorTests(ITestOutputHelper output)
{
    public static TheoryData<string> Backends() => new(ComputeBackends.Available.Select(b => b.Name));

    [Theory]
    [MemberData(nameof(Backends))]
    public void TheSchurWeightEqualsTheWeightFromRefittingWithThePoint(string backendName)
    {
        var backend = ComputeBackends.Get(backendName);
        var train = Gaussian(60, 3, seed: 11);
        var probes = Gaussian(12, 3, seed: 12, spread: 2.5);
        foreach (double t in new[] { 0.5, 1.0, 3.0 })
        {
            var vector = WeightingVector.Fit(train, t, backend);
            var weights = vector.WeightsOf(probes);
            for (int p = 0; p < probes.Rows; p++)
            {
                var enlarged = Stack(train, probes.SelectRows([p]));
                double refitted = WeightingVector.Fit(enlarged, t, backend).WeightsOf(probes.SelectRows([p]))[0];
                Assert.True(Math.Abs(refitted - weights[p]) <= 1e-9 * Math.Max(1, Math.Abs(refitted)),
                    $"t = {t}, probe {p}: Schur {weights[p]:R}, refit {refitted:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void EqualRowsAreMergedAndShareTheirRepresentativesWeight(string backendName)
    {
        var backend = ComputeBackends.Get(backendName);
        var distinct = Gaussian(30, 2, seed: 21);
        int[] copies = [0, 5, 5, 9, 29, 13, 0];
        var withCopies = Stack(distinct, distinct.SelectRows(copies));

        var merged = WeightingVector.Fit(withCopies, 1.0, backend);
        var plain = WeightingVector.Fit(distinct, 1.0, backend);

        Assert.Equal(30, merged.Count);
        Assert.Equal(0.0, merged.Jitter);
        Assert.Equal(plain.Magnitude, merged.Magnitude);
        Assert.Equal(plain.Weights.ToArray(), merged.Weights.ToArray());
        var rowWeights = merged.WeightsOf(withCopies);
        for (int c = 0; c < copies.Length; c++)
        {
            Assert.Equal(rowWeights[copies[c]], rowWeights[30 + c]);
        }
        Assert.Equal(plain.WeightsOf(distinct), rowWeights[..30]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void PointsTheKernelCannotTellApartAreSolvedWithJitter(string backendName)
    {
        // At t = 1e-20 every exp(−t·d) rounds to 1: Z is the all-ones matrix, singular although the points are distinct.
        var backend = ComputeBackends.Get(backendName);
        var points = Gaussian(5, 2, seed: 31);

        var vector = WeightingVector.Fit(points, 1e-20, backend);

        Assert.Equal(5, vector.Count);
        Assert.Equal(0.01, vector.Jitter);
        // (J + 0.01·I)·w = 1 with J the all-ones matrix: every weight is 1/(5 + 0.01).
        Assert.All(vector.Weights.ToArray(), w => Assert.Equal(1 / 5.01, w, 1e-12));
        Assert.Equal(5 / 5.01, vector.Magnitude, 1e-12);
        Assert.All(vector.WeightsOf(Gaussian(4, 2, seed: 32)), w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void AnIsolatedPointWeighsAboutOneAndInteriorPointsLittle()
    {
        var line = DataMatrix.FromRowMajor(21, 1, Enumerable.Range(0, 21).Select(i => i * 0.1).ToArray());
        var vector = WeightingVector.Fit(line, 4.0);

        var weights = vector.WeightsOf(DataMatrix.FromArray(new double[,] { { 1.0 }, { 0.0 }, { 100.0 } }));

        Assert.True(weights[0] < weights[1], "the middle of the segment weighs less than its end");
        Assert.Equal(1.0, weights[2], 1e-12);
    }

    /// <summary>
    /// The approximation holds where the kernel's reach 1/t is short next to the neighbourhoods' radius (here
    /// magnitude ≳ m/20); on denser data (3-D, t = 1: Spearman 0.57, magnitude 7 against −20) it does not, as the
    /// remarks of <see cref="LocalWeightingVector"/> say.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends))]
    public void TheApproximationFollowsTheExactWeights(string backendName)
    {
        var backend = ComputeBackends.Get(backendName);
        foreach (var (d, t, minimum) in new[] { (8, 1.0, 0.94), (8, 2.0, 0.98), (3, 5.0, 0.97), (3, 10.0, 0.999) })
        {
            var raw = ConformanceData.Inliers(400, d: d, seed: 41);
            var scaler = new StandardScaler().Fit(raw);
            var points = scaler.Transform(raw);
            var probes = scaler.Transform(ConformanceData.TestSet(d: d).Rows);

            var exact = WeightingVector.Fit(points, t, backend);
            var local = LocalWeightingVector.Fit(points, t, 30, backend);

            double rho = Spearman(exact.Weights.ToArray(), local.Weights.ToArray());
            double probeRho = Spearman(exact.WeightsOf(probes), local.WeightsOf(probes));
            output.WriteLine($"{backendName}, d = {d}, t = {t}: Spearman training {rho:F4}, probes {probeRho:F4}; magnitude {exact.Magnitude:F2} vs {local.Magnitude:F2}");
            Assert.True(rho >= minimum, $"d = {d}, t = {t}: Spearman {rho}");
            Assert.True(probeRho >= minimum, $"d = {d}, t = {t}: probe Spearman {probeRho}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TheApproximationWithEveryPointAsNeighbourIsTheExactSolution(string backendName)
    {
        var backend = ComputeBackends.Get(backendName);
        var points = Gaussian(25, 3, seed: 51);
        var probes = Gaussian(7, 3, seed: 52, spread: 2);

        var exact = WeightingVector.Fit(points, 0.8, backend);
        var local = LocalWeightingVector.Fit(points, 0.8, 100, backend);

        AssertNear(exact.Weights.ToArray(), local.Weights.ToArray(), 1e-9);
        AssertNear(exact.WeightsOf(probes), local.WeightsOf(probes), 1e-9);
    }

    [Fact]
    public void NewPointWeightsDoNotDependOnTheBatch()
    {
        var points = Gaussian(150, 3, seed: 61);
        var rows = Stack(Gaussian(130, 3, seed: 62, spread: 2), points.SelectRows([4, 8]));
        foreach (WeightingSolution solution in new WeightingSolution[] { WeightingVector.Fit(points, 1.0), LocalWeightingVector.Fit(points, 1.0, 20) })
        {
            var whole = solution.WeightsOf(rows);
            var oneByOne = Enumerable.Range(0, rows.Rows).Select(i => solution.WeightsOf(rows.SelectRows([i]))[0]).ToArray();
            var reversed = solution.WeightsOf(rows.SelectRows(Enumerable.Range(0, rows.Rows).Reverse().ToArray())).Reverse().ToArray();

            Assert.Equal(whole, oneByOne);
            Assert.Equal(whole, reversed);
        }
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(20.0)]
    [InlineData(59.5)]
    public void TheScaleSearchHitsTheTargetMagnitude(double target)
    {
        var points = Gaussian(60, 2, seed: 71);

        var found = MagnitudeScale.Search(t => WeightingVector.Fit(points, t), target);

        output.WriteLine($"target {target}: t = {found.Scale:R}, magnitude {found.Magnitude:R}");
        Assert.True(Math.Abs(found.Magnitude - target) <= 1e-9 * target, $"magnitude {found.Magnitude} for target {target}");
        Assert.Equal(found.Magnitude, WeightingVector.Fit(points, found.Scale).Magnitude);
    }

    [Fact]
    public void AnUnreachableTargetIsReported()
    {
        var points = Gaussian(10, 2, seed: 81);
        var error = Assert.Throws<ArgumentException>(() => MagnitudeScale.Search(t => WeightingVector.Fit(points, t), 11.0));
        Assert.Contains("No scale t", error.Message);
    }

    [Fact]
    public void BadArgumentsAreRefusedInTheProjectFormat()
    {
        var points = Gaussian(10, 2, seed: 91);
        var scale = Assert.Throws<ArgumentException>(() => WeightingVector.Fit(points, 0));
        Assert.Equal("The 'scale' parameter of WeightingVector.Fit must be positive and finite. Got 0.", scale.Message);
        var neighbours = Assert.Throws<ArgumentException>(() => LocalWeightingVector.Fit(points, 1, 0));
        Assert.Equal("The 'neighbours' parameter of LocalWeightingVector.Fit must be ≥ 1. Got 0.", neighbours.Message);
        var width = Assert.Throws<ArgumentException>(() => WeightingVector.Fit(points, 1).WeightsOf(Gaussian(2, 3, seed: 1)));
        Assert.Contains("2 features", width.Message);
    }

    internal static DataMatrix Gaussian(int n, int d, long seed, double spread = 1.0)
    {
        var random = new SeededRandom(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = spread * random.NextGaussian();
        }
        return DataMatrix.FromRowMajor(n, d, values);
    }

    internal static DataMatrix Stack(DataMatrix top, DataMatrix bottom) =>
        DataMatrix.FromRowMajor(top.Rows + bottom.Rows, top.Columns, [.. top.AsSpan().ToArray(), .. bottom.AsSpan().ToArray()]);

    internal static double Spearman(double[] a, double[] b) => TabularOd.Tests.Detectors.LinearDetectorFixtures.Spearman(a, b);
}
