using System.Numerics;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Squared distances against the direct Σ(x − y)², for both overloads: every size 0..70 in a few shapes,
/// data centred at zero and far from it (where ‖x‖² + ‖y‖² − 2x·y cancels), and a few hundred rows. Plus the
/// contract: never negative, exactly zero for identical rows, and for x against itself exactly symmetric with a
/// zero diagonal.
/// </summary>
public class SquaredDistanceConformanceTests
{
    /// <summary>x n×d against y m×d, with the data centred at <paramref name="Offset"/>.</summary>
    public sealed record Shape(int N, int M, int D, double Offset)
    {
        public override string ToString() => $"n={N} m={M} d={D} offset={Offset}";
    }

    public static IEnumerable<Shape> SmallShapes()
    {
        for (int s = 0; s <= 70; s++)
        {
            double offset = s % 3 == 2 ? 10 : 0;
            yield return new Shape(s, s, s, offset);
            yield return new Shape(s, 1, 3, offset);
            yield return new Shape(1, s, s % 7 + 1, offset);
            yield return new Shape(s, s / 2 + 1, 64 + s % 5, offset);
            yield return new Shape(s + 17, s, 1 + s % 4, offset);
        }
    }

    public static IEnumerable<Shape> LargeShapes()
    {
        yield return new Shape(600, 523, 64, 0);
        yield return new Shape(300, 700, 3, 5);
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchTheDirectSumInDouble(string backend) => Check<double>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchTheDirectSumInSingle(string backend) => Check<float>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchTheDirectSumInDouble(string backend) => Check<double>(backend, LargeShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchTheDirectSumInSingle(string backend) => Check<float>(backend, LargeShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void ZeroFeaturesGiveZeroDistances(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        var result = TestMatrices.Filled(4 * 3, double.NaN);
        compute.SquaredDistances<double>([], 4, [], 3, 0, result);
        Assert.All(result, v => Assert.Equal(0.0, v));
        var self = TestMatrices.Filled(4 * 4, double.NaN);
        compute.SquaredDistances<double>([], 4, 0, self);
        Assert.All(self, v => Assert.Equal(0.0, v));
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void IdenticalRowsAreExactlyZeroEvenFarFromTheOrigin(string backend)
    {
        CheckDuplicates<double>(backend, 0);
        CheckDuplicates<double>(backend, 1e4);
        CheckDuplicates<float>(backend, 0);
        CheckDuplicates<float>(backend, 1e3);
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void NearlyIdenticalRowsFarFromTheOriginAreNeverNegative(string backend)
    {
        CheckNearDuplicates<double>(backend, 1e6, 1e-7);
        CheckNearDuplicates<float>(backend, 1e3, 1e-3);
    }

    private static void Check<T>(string backendName, IEnumerable<Shape> shapes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        int caseNumber = 0;
        foreach (var shape in shapes)
        {
            int seed = caseNumber++;
            var random = TestMatrices.Random(seed, shape.N, shape.M, shape.D, typeof(T) == typeof(float) ? 4 : 8);
            var x = TestMatrices.Uniform<T>(random, shape.N * shape.D, shape.Offset);
            var y = TestMatrices.Uniform<T>(random, shape.M * shape.D, shape.Offset);
            var (expected, scale) = NaiveDistances.Compute(TestMatrices.ToDouble<T>(x), shape.N, TestMatrices.ToDouble<T>(y), shape.M, shape.D);
            string label = $"{backendName} SquaredDistances<{typeof(T).Name}>(x, y) {shape}";
            failures.Run(label, () =>
            {
                var result = TestMatrices.Filled(shape.N * shape.M, T.NaN);
                backend.SquaredDistances<T>(x, shape.N, y, shape.M, shape.D, result);
                Compare(result, expected, scale, shape.M, label, failures);
            });

            var (selfExpected, selfScale) = NaiveDistances.Compute(TestMatrices.ToDouble<T>(x), shape.N, TestMatrices.ToDouble<T>(x), shape.N, shape.D);
            string selfLabel = $"{backendName} SquaredDistances<{typeof(T).Name}>(x) n={shape.N} d={shape.D} offset={shape.Offset}";
            failures.Run(selfLabel, () =>
            {
                var result = TestMatrices.Filled(shape.N * shape.N, T.NaN);
                backend.SquaredDistances<T>(x, shape.N, shape.D, result);
                Compare(result, selfExpected, selfScale, shape.N, selfLabel, failures);
                CheckSymmetricWithZeroDiagonal(result, shape.N, selfLabel, failures);
            });
        }
        failures.AssertNone();
    }

    private static void Compare<T>(T[] result, double[] expected, double[] scale, int cols, string label, Mismatches failures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double tolerance = Tolerance.Of<T>();
        for (int e = 0; e < result.Length; e++)
        {
            double got = double.CreateChecked(result[e]);
            int i = e / cols, j = e % cols;
            if (!(got >= 0))
            {
                failures.Add(label, $"[{i},{j}] = {got:R} is negative or NaN");
            }
            if (!Tolerance.Within(got, expected[e], tolerance, scale[e]))
            {
                failures.Add(label, $"[{i},{j}] = {got:R}, expected {expected[e]:R} (|diff| {Math.Abs(got - expected[e]):E2} > {tolerance * scale[e]:E2})");
            }
        }
    }

    private static void CheckSymmetricWithZeroDiagonal<T>(T[] result, int n, string label, Mismatches failures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            if (result[i * n + i] != T.Zero)
            {
                failures.Add(label, $"diagonal [{i},{i}] = {result[i * n + i]} is not exactly zero");
            }
            for (int j = 0; j < i; j++)
            {
                T lower = result[i * n + j], upper = result[j * n + i];
                if (!lower.Equals(upper))
                {
                    failures.Add(label, $"[{i},{j}] = {lower:R} but [{j},{i}] = {upper:R}: not exactly symmetric");
                }
            }
        }
    }

    private static void CheckDuplicates<T>(string backendName, double offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        const int n = 45, d = 19;
        var random = TestMatrices.Random(31, (int)offset);
        var x = TestMatrices.Uniform<T>(random, n * d, offset);
        // Rows 7, 20 and 44 repeat row 3; y holds copies of x's rows 3 and 11 among its own.
        foreach (int copy in new[] { 7, 20, 44 })
        {
            x.AsSpan(3 * d, d).CopyTo(x.AsSpan(copy * d));
        }
        const int m = 30;
        var y = TestMatrices.Uniform<T>(random, m * d, offset);
        x.AsSpan(3 * d, d).CopyTo(y.AsSpan(5 * d));
        x.AsSpan(11 * d, d).CopyTo(y.AsSpan(29 * d));

        string what = $"{backendName} SquaredDistances<{typeof(T).Name}> offset={offset}";
        var self = new T[n * n];
        backend.SquaredDistances<T>(x, n, d, self);
        int[] group = [3, 7, 20, 44];
        foreach (int i in group)
        {
            foreach (int j in group)
            {
                Assert.True(self[i * n + j] == T.Zero, $"{what} (x): rows {i} and {j} are identical but their distance is {self[i * n + j]:R}.");
            }
        }
        var cross = new T[n * m];
        backend.SquaredDistances<T>(x, n, y, m, d, cross);
        foreach (var (i, j) in new[] { (3, 5), (7, 5), (20, 5), (44, 5), (11, 29) })
        {
            Assert.True(cross[i * m + j] == T.Zero, $"{what} (x, y): x row {i} equals y row {j} but their distance is {cross[i * m + j]:R}.");
        }
    }

    private static void CheckNearDuplicates<T>(string backendName, double offset, double spread)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        const int n = 60, d = 24;
        var random = TestMatrices.Random(47, d);
        var x = new T[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = T.CreateChecked(offset + spread * (2 * random.NextDouble() - 1));
        }
        string what = $"{backendName} SquaredDistances<{typeof(T).Name}> rows within {spread} of {offset}";
        var self = new T[n * n];
        backend.SquaredDistances<T>(x, n, d, self);
        Assert.All(self, v => Assert.True(v >= T.Zero, $"{what} (x): {v:R} is negative or NaN."));
        var cross = new T[n * (n / 2)];
        backend.SquaredDistances<T>(x, n, x.AsSpan(0, n / 2 * d), n / 2, d, cross);
        Assert.All(cross, v => Assert.True(v >= T.Zero, $"{what} (x, y): {v:R} is negative or NaN."));
    }
}
