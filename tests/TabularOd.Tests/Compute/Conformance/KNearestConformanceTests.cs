using System.Numerics;
using TabularOd.Compute;

namespace TabularOd.Tests.Compute.Conformance;

/// <summary>
/// Exact k-nearest neighbours against a brute-force ranking by (distance, index), for both overloads: every
/// reference size 1..70 with k = 1, a middle k and k = n, a few hundred rows, exact ties on integer data
/// (ties go to the lower index), and the excludeSelf rule (a row is never its own neighbour, a duplicate of it
/// still is, at distance 0).
/// </summary>
public class KNearestConformanceTests
{
    /// <summary>One search: n reference rows, q queries (0 for the self overload), d features, k neighbours.</summary>
    public sealed record Shape(int N, int Q, int D, int K, double Offset)
    {
        public override string ToString() => $"n={N} q={Q} d={D} k={K} offset={Offset}";
    }

    public static IEnumerable<Shape> SmallShapes()
    {
        for (int n = 1; n <= 70; n++)
        {
            foreach (int k in new[] { 1, Math.Min(7, n), n }.Distinct())
            {
                yield return new Shape(n, n / 2 + 1, 1 + n % 11, k, n % 4 == 3 ? 20 : 0);
            }
        }
        yield return new Shape(5, 0, 3, 2, 0);
    }

    public static IEnumerable<Shape> LargeShapes<T>()
    {
        yield return new Shape(600, 450, 16, 10, 0);
        yield return new Shape(900, 200, 3, 40, 2);
        if (typeof(T) == typeof(double))
        {
            yield return new Shape(320, 70, 16, 320, 0);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchBruteForceInDouble(string backend) => Check<double>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void SmallSizesMatchBruteForceInSingle(string backend) => Check<float>(backend, SmallShapes());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchBruteForceInDouble(string backend) => Check<double>(backend, LargeShapes<double>());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void LargeSizesMatchBruteForceInSingle(string backend) => Check<float>(backend, LargeShapes<float>());

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void ExactTiesGoToTheLowerIndex(string backend)
    {
        CheckTies<double>(backend);
        CheckTies<float>(backend);
    }

    [Theory]
    [MemberData(nameof(ConformanceBackends.Names), MemberType = typeof(ConformanceBackends))]
    public void ExcludeSelfLeavesOutTheRowButNotItsDuplicates(string backend)
    {
        var compute = ConformanceBackends.Get(backend);
        // Rows 0, 3 and 5 are the same point; row 2 is at distance 1 from all three.
        double[] x = [0, 0, 5, 5, 1, 0, 0, 0, 9, 9, 0, 0];
        var excluded = compute.KNearest<double>(x, 6, 2, 2, excludeSelf: true);
        Assert.Equal(new[] { 3, 5 }, excluded.IndicesOf(0).ToArray());
        Assert.Equal(new[] { 0, 5 }, excluded.IndicesOf(3).ToArray());
        Assert.Equal(new[] { 0, 3 }, excluded.IndicesOf(5).ToArray());
        Assert.Equal(new[] { 0, 3 }, excluded.IndicesOf(2).ToArray());
        Assert.Equal(new[] { 0.0, 0.0 }, excluded.DistancesOf(3).ToArray());
        Assert.Equal(new[] { 1.0, 1.0 }, excluded.DistancesOf(2).ToArray());

        // Kept in, a row ties at distance 0 with its duplicates, and the lower index comes first.
        var included = compute.KNearest<double>(x, 6, 2, 2, excludeSelf: false);
        Assert.Equal(new[] { 0, 3 }, included.IndicesOf(0).ToArray());
        Assert.Equal(new[] { 0, 3 }, included.IndicesOf(3).ToArray());
        Assert.Equal(new[] { 0, 3 }, included.IndicesOf(5).ToArray());
        Assert.Equal(new[] { 2, 0 }, included.IndicesOf(2).ToArray());
    }

    private static void Check<T>(string backendName, IEnumerable<Shape> shapes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        var failures = new Mismatches();
        int caseNumber = 0;
        string type = typeof(T).Name;
        foreach (var s in shapes)
        {
            var random = TestMatrices.Random(caseNumber++, s.N, s.Q, s.K, typeof(T) == typeof(float) ? 4 : 8);
            var reference = TestMatrices.Uniform<T>(random, s.N * s.D, s.Offset);
            var queries = TestMatrices.Uniform<T>(random, s.Q * s.D, s.Offset);
            var referenceWide = TestMatrices.ToDouble<T>(reference);
            var queriesWide = TestMatrices.ToDouble<T>(queries);

            string label = $"{backendName} KNearest<{type}>(reference, queries) {s}";
            failures.Run(label, () =>
            {
                var result = backend.KNearest<T>(reference, s.N, queries, s.Q, s.D, s.K);
                var rankings = NaiveNeighbors.Rank(referenceWide, s.N, queriesWide, s.Q, s.D, excludeSelfIndex: false);
                Compare(result, rankings, queriesWide, referenceWide, s.Q, s.D, s.K, excludeSelf: false, label, failures);
            });

            foreach (bool excludeSelf in new[] { false, true })
            {
                int k = excludeSelf ? Math.Min(s.K, s.N - 1) : s.K;
                if (k < 1)
                {
                    continue;
                }
                string selfLabel = $"{backendName} KNearest<{type}>(x, excludeSelf: {excludeSelf}) n={s.N} d={s.D} k={k} offset={s.Offset}";
                failures.Run(selfLabel, () =>
                {
                    var result = backend.KNearest<T>(reference, s.N, s.D, k, excludeSelf);
                    var rankings = NaiveNeighbors.Rank(referenceWide, s.N, referenceWide, s.N, s.D, excludeSelf);
                    Compare(result, rankings, referenceWide, referenceWide, s.N, s.D, k, excludeSelf, selfLabel, failures);
                });
            }
        }
        failures.AssertNone();
    }

    /// <summary>
    /// Checks shape, index validity and order; that every reported neighbour is as near as the reference's
    /// neighbour of the same rank (to the distance tolerance); that reported distances are right; and that the
    /// index equals the reference's wherever no other candidate is within tolerance of the same distance.
    /// </summary>
    private static void Compare<T>(NeighborResult<T> result, NaiveNeighbors.Ranking[] rankings, double[] queries, double[] reference,
        int q, int d, int k, bool excludeSelf, string label, Mismatches failures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (result.Queries != q || result.K != k || result.Indices.Length != q * k || result.Distances.Length != q * k)
        {
            failures.Add(label, $"result is {result.Queries}×{result.K} with {result.Indices.Length} indices and {result.Distances.Length} distances; expected {q}×{k}");
            return;
        }
        double tolerance = Tolerance.Of<T>();
        double referenceNormMax = Dense.MaxAbs(NaiveDistances.Norms(reference, reference.Length / Math.Max(1, d), d));
        var queryNorms = NaiveDistances.Norms(queries, q, d);
        for (int i = 0; i < q; i++)
        {
            var indices = result.IndicesOf(i);
            var distances = result.DistancesOf(i);
            var ranking = rankings[i];
            double scale = queryNorms[i] + referenceNormMax;
            double slack = tolerance * scale;
            var seen = new HashSet<int>();
            for (int j = 0; j < k; j++)
            {
                int got = indices[j];
                double gotDistance = double.CreateChecked(distances[j]);
                if (got < 0 || got >= ranking.Indices.Length + (excludeSelf ? 1 : 0) || !seen.Add(got) || (excludeSelf && got == i))
                {
                    failures.Add(label, $"query {i} rank {j}: index {got} is out of range, repeated, or the query itself ({string.Join(",", indices.ToArray())})");
                    continue;
                }
                if (!(gotDistance >= 0 && (j == 0 || distances[j - 1] <= distances[j])))
                {
                    failures.Add(label, $"query {i} rank {j}: distance {gotDistance:R} is negative, NaN or smaller than the previous rank's");
                }
                double want = ranking.Squared[j];
                double trueSquared = NaiveDistances.Between(queries, i, reference, got, d);
                if (!(Math.Abs(trueSquared - want) <= slack))
                {
                    failures.Add(label, $"query {i} rank {j}: index {got} is at squared distance {trueSquared:R}, but rank {j} is index {ranking.Indices[j]} at {want:R}");
                }
                if (!(Math.Abs(gotDistance * gotDistance - want) <= slack))
                {
                    failures.Add(label, $"query {i} rank {j}: distance {gotDistance:R} (squared {gotDistance * gotDistance:R}), expected squared {want:R} (tolerance {slack:E2})");
                }
                bool clearOfNeighbours = (j == 0 || want - ranking.Squared[j - 1] > 2 * slack)
                    && (j + 1 >= ranking.Squared.Length || ranking.Squared[j + 1] - want > 2 * slack);
                if (clearOfNeighbours && got != ranking.Indices[j])
                {
                    failures.Add(label, $"query {i} rank {j}: index {got}, expected {ranking.Indices[j]} (no other candidate within tolerance)");
                }
            }
        }
    }

    /// <summary>Integer-valued points on a 4×4×4 grid: squared distances are exact, so ties are exact and the order is fully determined.</summary>
    private static void CheckTies<T>(string backendName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var backend = ConformanceBackends.Get(backendName);
        const int n = 90, q = 25, d = 3;
        var random = TestMatrices.Random(77, typeof(T) == typeof(float) ? 4 : 8);
        var x = TestMatrices.Integers<T>(random, n * d, 4);
        var queries = TestMatrices.Integers<T>(random, q * d, 4);
        var wideX = TestMatrices.ToDouble<T>(x);
        var wideQueries = TestMatrices.ToDouble<T>(queries);
        string type = typeof(T).Name;

        foreach (int k in new[] { 1, 8, 30, n })
        {
            AssertExact(backend.KNearest<T>(x, n, queries, q, d, k), NaiveNeighbors.Rank(wideX, n, wideQueries, q, d, false),
                k, $"{backendName} KNearest<{type}>(reference, queries) ties k={k}");
            AssertExact(backend.KNearest<T>(x, n, d, k, excludeSelf: false), NaiveNeighbors.Rank(wideX, n, wideX, n, d, false),
                k, $"{backendName} KNearest<{type}>(x, excludeSelf: false) ties k={k}");
            int kExcluded = Math.Min(k, n - 1);
            AssertExact(backend.KNearest<T>(x, n, d, kExcluded, excludeSelf: true), NaiveNeighbors.Rank(wideX, n, wideX, n, d, true),
                kExcluded, $"{backendName} KNearest<{type}>(x, excludeSelf: true) ties k={kExcluded}");
        }
    }

    private static void AssertExact<T>(NeighborResult<T> result, NaiveNeighbors.Ranking[] rankings, int k, string label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rankings.Length; i++)
        {
            var expectedIndices = rankings[i].Indices.Take(k).ToArray();
            var expectedDistances = rankings[i].Squared.Take(k).Select(s => T.Sqrt(T.CreateChecked(s))).ToArray();
            Assert.True(expectedIndices.SequenceEqual(result.IndicesOf(i).ToArray()),
                $"{label}: query {i} got [{string.Join(",", result.IndicesOf(i).ToArray())}], expected [{string.Join(",", expectedIndices)}].");
            Assert.True(expectedDistances.SequenceEqual(result.DistancesOf(i).ToArray()),
                $"{label}: query {i} distances [{string.Join(",", result.DistancesOf(i).ToArray())}], expected [{string.Join(",", expectedDistances)}].");
        }
    }
}
