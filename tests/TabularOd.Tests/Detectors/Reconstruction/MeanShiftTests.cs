using System.Text.Json;
using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Detectors.Persistence;
using TabularOd.Detectors.Reconstruction;
using TabularOd.Sampling;
using TabularOd.Tests.Support;
using Xunit.Abstractions;

namespace TabularOd.Tests.Detectors.Reconstruction;

public class MeanShiftTests(ITestOutputHelper output)
{
    // SPEC §4 [ref]: k = 3.
    private static readonly DataMatrix SpecTrain = DataMatrix.FromArray(new double[,]
    {
        { 0, 0 }, { 1, 0.1 }, { 0.2, 1 }, { 1.1, 1.3 }, { 5, 4 }, { 0.6, 0.45 },
    });

    private static readonly DataMatrix SpecTest = DataMatrix.FromArray(new double[,] { { 0.5, 0.5 }, { 4, 4.2 } });

    [Fact]
    public void TrainingAfterOneIterationMatchesTheSpecReference()
    {
        var step = MeanShift.Fit(SpecTrain, k: 3);

        Assert.Equal(3, step.K);
        Assert.Equal(MeanShift.DefaultIterations, step.Iterations);
        AssertClose(
            [0.533333, 0.183333, 0.533333, 0.183333, 0.633333, 0.916667, 0.633333, 0.916667, 2.366667, 1.8, 0.6, 0.516667],
            step.ShiftedTraining, 1e-6, "training after m = 1");
        // Rows 0 and 1 share their neighbours, so their means are the same bits, not merely close.
        Assert.True(step.ShiftedTraining.Row(0).SequenceEqual(step.ShiftedTraining.Row(1)));
    }

    [Theory]
    [InlineData(1, new[] { 0.433333, 0.65, 3.366667, 3.166667 })]
    [InlineData(2, new[] { 0.555556, 0.694444, 2.122222, 1.961111 })]
    [InlineData(3, new[] { 0.6, 0.753704, 1.318519, 1.318519 })]
    public void TestRowsMatchTheSpecReference(int iterations, double[] expected)
    {
        var step = MeanShift.Fit(SpecTrain, k: 3, iterations: iterations);

        var shifted = step.Shift(SpecTest);

        AssertClose(expected, shifted, 1e-6, $"test rows after m = {iterations}");
        // The outlier (4, 4.2) is pulled towards the data much further than the inlier (0.5, 0.5) moves.
        Assert.True(Distance(SpecTest.Row(1), shifted.Row(1)) > 5 * Distance(SpecTest.Row(0), shifted.Row(0)));
    }

    [Fact]
    public void KIsCappedAtTheTrainingRowsLessOne()
    {
        // 0, 1, 2, 3, 100 with the default k = 10 → k = 4. Each of 0..3 averages {0, 1, 2, 3}; 100 averages {1, 2, 3, 100}.
        var step = MeanShift.Fit(DataMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 100 } }));

        Assert.Equal(4, step.K);
        AssertClose([1.5, 1.5, 1.5, 1.5, 26.5], step.ShiftedTraining, 1e-15, "training");
        // A new row at 50 averages itself with its 3 nearest training rows 3, 2, 1: (50 + 3 + 2 + 1) / 4.
        AssertClose([14], step.Shift(DataMatrix.FromArray(new double[,] { { 50 } })), 1e-15, "new row");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OneOrTwoTrainingRowsLeaveEveryRowWhereItIs(int rows)
    {
        // k is capped at max(n − 1, 1) = 1: a row's only neighbour is itself.
        var train = DataMatrix.FromArray(rows == 1 ? new double[,] { { 1, 2 } } : new double[,] { { 1, 2 }, { 3, 5 } });
        var step = MeanShift.Fit(train, iterations: 3);
        var test = DataMatrix.FromArray(new double[,] { { -7, 0.25 } });

        Assert.Equal(1, step.K);
        Assert.Equal(train.AsSpan().ToArray(), step.ShiftedTraining.AsSpan().ToArray());
        Assert.Equal(test.AsSpan().ToArray(), step.Shift(test).AsSpan().ToArray());
    }

    [Theory]
    [InlineData(300, 20)] // tiled brute force, two reference chunks
    [InlineData(300, 4)] // k-d tree
    public void ARowShiftsTheSameAloneInItsBatchOrOnOneThread(int n, int d)
    {
        var train = RandomMatrix(n, d, seed: 11);
        var test = RandomMatrix(37, d, seed: 12);
        var step = MeanShift.Fit(train, iterations: 3);

        var batch = step.Shift(test);
        for (int i = 0; i < test.Rows; i++)
        {
            var alone = step.Shift(test.SelectRows([i]));
            Assert.True(alone.Row(0).SequenceEqual(batch.Row(i)), $"row {i} shifts differently alone");
        }
        int[] reversed = Enumerable.Range(0, test.Rows).Reverse().ToArray();
        var backwards = step.Shift(test.SelectRows(reversed));
        for (int i = 0; i < test.Rows; i++)
        {
            Assert.True(backwards.Row(test.Rows - 1 - i).SequenceEqual(batch.Row(i)), $"row {i} shifts differently in reverse order");
        }

        // Inside a compute region every kernel runs on this one thread.
        MeanShift? single = null;
        DataMatrix? singleBatch = null;
        ComputeParallelism.For(1, 1, _ =>
        {
            single = MeanShift.Fit(train, iterations: 3);
            singleBatch = single.Shift(test);
        });
        Assert.Equal(step.ShiftedTraining.AsSpan().ToArray(), single!.ShiftedTraining.AsSpan().ToArray());
        Assert.Equal(batch.AsSpan().ToArray(), singleBatch!.AsSpan().ToArray());
    }

    [Fact]
    public void NoRowsShiftToNoRows()
    {
        var step = MeanShift.Fit(SpecTrain, k: 3);

        var shifted = step.Shift(new DataMatrix(0, 2));

        Assert.Equal(0, shifted.Rows);
        Assert.Equal(2, shifted.Columns);
    }

    [Fact]
    public void AWrittenStepReadsBackBitForBit()
    {
        var train = RandomMatrix(60, 3, seed: 5);
        var test = RandomMatrix(9, 3, seed: 6);
        var step = MeanShift.Fit(train, k: 6, iterations: 2);
        using var stream = new MemoryStream();

        step.Write(new ModelWriter(new BinaryWriter(stream)));
        stream.Position = 0;
        var loaded = MeanShift.Read(new ModelReader(new BinaryReader(stream)));

        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal(step.K, loaded.K);
        Assert.Equal(step.Iterations, loaded.Iterations);
        Assert.Equal(step.ShiftedTraining.AsSpan().ToArray(), loaded.ShiftedTraining.AsSpan().ToArray());
        Assert.Equal(step.Shift(test).AsSpan().ToArray(), loaded.Shift(test).AsSpan().ToArray());
    }

    [Fact]
    public void ADamagedStepIsRefusedOnRead()
    {
        using var stream = new MemoryStream();
        var writer = new ModelWriter(new BinaryWriter(stream));
        writer.Write(1); // layout version
        writer.Write(6); // k, more than the 2 stored rows allow
        writer.Write(1); // iterations
        writer.Write(RandomMatrix(2, 2, seed: 1));
        writer.Write(RandomMatrix(2, 2, seed: 2));
        stream.Position = 0;

        Assert.Throws<InvalidDataException>(() => MeanShift.Read(new ModelReader(new BinaryReader(stream))));
    }

    [Theory]
    [InlineData(0, 1, "The 'K' parameter of MeanShift must be ≥ 1. Got 0.")]
    [InlineData(-3, 1, "The 'K' parameter of MeanShift must be ≥ 1. Got -3.")]
    [InlineData(10, 0, "The 'Iterations' parameter of MeanShift must be in [1, 3]. Got 0.")]
    [InlineData(10, 4, "The 'Iterations' parameter of MeanShift must be in [1, 3]. Got 4.")]
    public void ParametersOutOfRangeAreRefused(int k, int iterations, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => MeanShift.Fit(SpecTrain, k, iterations));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void BadDataIsRefused()
    {
        var step = MeanShift.Fit(SpecTrain, k: 3);

        Assert.Throws<ArgumentException>(() => MeanShift.Fit(new DataMatrix(0, 2)));
        Assert.Throws<ArgumentException>(() => MeanShift.Fit(DataMatrix.FromArray(new double[,] { { 1, double.NaN }, { 2, 3 } })));
        Assert.Throws<ArgumentException>(() => step.Shift(new DataMatrix(1, 3)));
        Assert.Throws<ArgumentException>(() => step.Shift(DataMatrix.FromArray(new double[,] { { double.PositiveInfinity, 0 } })));
    }

    public static TheoryData<string> FixtureNames() =>
        new(Directory.GetFiles(FixtureFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void EveryIterationMatchesTheNumPyReimplementation(string name)
    {
        // Fixtures/meanshift/*.json, written by benchmarks/peers/make_meanshift_fixture.py (brute-force NumPy).
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixtureFolder, name + ".json")));
        var root = document.RootElement;
        int rows = root.GetProperty("rows").GetInt32(), columns = root.GetProperty("columns").GetInt32();
        var train = DataMatrix.FromRowMajor(rows, columns, Doubles(root.GetProperty("train")));
        var test = DataMatrix.FromRowMajor(root.GetProperty("test_rows").GetInt32(), columns, Doubles(root.GetProperty("test")));
        var expectedTrain = root.GetProperty("expected_train").EnumerateArray().Select(Doubles).ToArray();
        var expectedTest = root.GetProperty("expected_test").EnumerateArray().Select(Doubles).ToArray();
        int k = root.GetProperty("k").GetInt32();

        double largest = 0;
        for (int m = 1; m <= root.GetProperty("iterations").GetInt32(); m++)
        {
            var step = MeanShift.Fit(train, k, m);
            Assert.Equal(root.GetProperty("k_effective").GetInt32(), step.K);
            largest = Math.Max(largest, AssertClose(expectedTrain[m - 1], step.ShiftedTraining, 1e-12, $"{name} training after m = {m}"));
            largest = Math.Max(largest, AssertClose(expectedTest[m - 1], step.Shift(test), 1e-12, $"{name} test after m = {m}"));
        }
        output.WriteLine($"mean shift {name} ({rows}×{columns}, k {k}): largest relative difference from NumPy {largest:E2}");
    }

    private static string FixtureFolder => Path.Combine(TestPaths.Fixtures, "meanshift");

    private static DataMatrix RandomMatrix(int rows, int columns, long seed)
    {
        var random = new SeededRandom(seed);
        var matrix = new DataMatrix(rows, columns);
        var values = matrix.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextGaussian();
        }
        return matrix;
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.Sqrt(sum);
    }

    private static double AssertClose(IReadOnlyList<double> expected, DataMatrix actual, double tolerance, string what)
    {
        var values = actual.AsSpan().ToArray();
        Assert.Equal(expected.Count, values.Length);
        double largest = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double relative = Math.Abs(expected[i] - values[i]) / Math.Max(1, Math.Abs(expected[i]));
            largest = Math.Max(largest, relative);
            Assert.True(relative <= tolerance, $"{what}[{i / actual.Columns}, {i % actual.Columns}]: expected {expected[i]:R}, got {values[i]:R}.");
        }
        return largest;
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
